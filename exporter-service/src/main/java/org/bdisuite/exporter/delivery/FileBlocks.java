package org.bdisuite.exporter.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Cuts a file into receiver blocks of about {@code blockBytes}, each ending at a line end (so a CSV row is never
 * split between blocks), in one streaming pass that also hashes each block and counts its lines.
 */
final class FileBlocks {

    /**
     * One block: a byte range of the file.
     *
     * @param offset where it starts
     * @param length how many bytes
     * @param lines  line ends in it (the block's item count, at least 1)
     * @param sha256 hex SHA-256 of the range
     */
    record Block(long offset, long length, int lines, String sha256) {}

    private FileBlocks() {}

    static List<Block> of(Path file, long blockBytes) throws IOException {
        List<Block> blocks = new ArrayList<>();
        MessageDigest digest = sha256();
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        long start = 0;
        long position = 0;
        int lines = 0;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (channel.read(buffer) > 0) {
                buffer.flip();
                int from = buffer.position();
                while (buffer.hasRemaining()) {
                    byte b = buffer.get();
                    position++;
                    if (b == '\n') {
                        lines++;
                        if (position - start >= blockBytes) {
                            digest.update(buffer.array(), from, buffer.position() - from);
                            from = buffer.position();
                            blocks.add(new Block(
                                    start,
                                    position - start,
                                    lines,
                                    HexFormat.of().formatHex(digest.digest())));
                            start = position;
                            lines = 0;
                        }
                    }
                }
                digest.update(buffer.array(), from, buffer.position() - from);
                buffer.clear();
            }
        }
        if (position > start || blocks.isEmpty()) {
            blocks.add(new Block(
                    start, position - start, Math.max(lines, 1), HexFormat.of().formatHex(digest.digest())));
        }
        return blocks;
    }

    /** The block's bytes, read from the file when a request body is produced (again for a retry). */
    static InputStream open(Path file, Block block) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        channel.position(block.offset());
        InputStream whole = java.nio.channels.Channels.newInputStream(channel);
        return new InputStream() {
            private long left = block.length();

            @Override
            public int read() throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int b = whole.read();
                if (b >= 0) {
                    left--;
                }
                return b;
            }

            @Override
            public int read(byte[] bytes, int off, int len) throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int n = whole.read(bytes, off, (int) Math.min(len, left));
                if (n > 0) {
                    left -= n;
                }
                return n;
            }

            @Override
            public void close() throws IOException {
                whole.close();
            }
        };
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
