package org.bdisuite.receiver.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Concatenates block files into one merged file (MERGE_TO_PARTITION_LEVEL, MERGE_TO_INTERFACE_LEVEL), in the
 * order given, each non-empty part ending with a newline (an empty block adds no blank line). Bytes go file to file through {@link FileChannel#transferTo}
 * (the kernel copies them; nothing is read into the heap), into a temporary file that replaces the target
 * durably only when complete. The merged file's SHA-256 is read back from the finished temporary file (the page cache
 * still holds it), so the digest is of the bytes that are moved into place. It is read while the file's force writes
 * the same pages to the disk on {@link DurableFiles}' force threads: the merge waits for the longer of the two, not
 * for both.
 */
public final class FileMerger {

    private static final ByteBuffer NEWLINE = ByteBuffer.wrap(new byte[] {'\n'}).asReadOnlyBuffer();

    private FileMerger() {}

    /** What a merge wrote: the merged file's size and SHA-256 (lower-case hex). */
    public record Merged(long bytes, String sha256) {}

    /** @return the size and digest of the merged file */
    public static Merged concatenate(List<Path> parts, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        Path temporary = DurableFiles.temporarySibling(target);
        try {
            long written = 0;
            String sha256;
            try (FileChannel out =
                    FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                for (Path part : parts) {
                    written += append(part, out);
                }
                CompletableFuture<Void> forced = DurableFiles.forceAside(out);
                try {
                    sha256 = sha256Of(temporary);
                } catch (IOException | RuntimeException e) {
                    DurableFiles.awaitQuietly(forced); // the channel stays open until its force has ended
                    throw e;
                }
                DurableFiles.await(forced);
            }
            DurableFiles.moveIntoPlace(temporary, target);
            return new Merged(written, sha256);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static long append(Path part, FileChannel out) throws IOException {
        try (FileChannel in = FileChannel.open(part, StandardOpenOption.READ)) {
            long size = in.size();
            long position = 0;
            while (position < size) {
                position += in.transferTo(position, size - position, out);
            }
            if (size == 0 || endsWithNewline(in, size)) {
                return size;
            }
            ByteBuffer newline = NEWLINE.duplicate();
            while (newline.hasRemaining()) {
                out.write(newline);
            }
            return size + 1;
        }
    }

    private static String sha256Of(Path file) throws IOException {
        try (DigestInputStream in =
                new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }

    private static boolean endsWithNewline(FileChannel in, long size) throws IOException {
        ByteBuffer last = ByteBuffer.allocate(1);
        in.read(last, size - 1);
        return last.get(0) == '\n';
    }
}
