package org.bdisuite.receiver.storage;

import java.io.IOException;
import java.io.InterruptedIOException;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Concatenates block files into one merged file (MERGE_TO_PARTITION_LEVEL, MERGE_TO_INTERFACE_LEVEL), in the
 * order given, each non-empty part ending with a newline (an empty block adds no blank line). Bytes go file to file through {@link FileChannel#transferTo}
 * (the kernel copies them; nothing is read into the heap), into a temporary file that replaces the target
 * durably only when complete. The merged file's SHA-256 is read back from the finished temporary file (the page cache
 * still holds it), so the digest is of the bytes that are moved into place. It is read on a thread of its own while
 * the file's force writes the same pages to the disk: the merge then waits for the longer of the two, not for both.
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
        FutureTask<String> sha256 = null;
        try {
            long written = 0;
            try (FileChannel out =
                    FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                for (Path part : parts) {
                    written += append(part, out);
                }
                sha256 = digestAside(temporary);
                out.force(true);
            }
            String digest = result(sha256);
            DurableFiles.moveIntoPlace(temporary, target);
            return new Merged(written, digest);
        } finally {
            if (sha256 != null) {
                sha256.cancel(true); // a failed force: the digest is not wanted (no-op once it is done)
            }
            Files.deleteIfExists(temporary);
        }
    }

    /** Starts reading {@code file}'s SHA-256 on a thread of its own (a merge is rare and long: one thread each). */
    private static FutureTask<String> digestAside(Path file) {
        FutureTask<String> digest = new FutureTask<>(() -> sha256Of(file));
        Thread reader = new Thread(digest, "merge-digest");
        reader.setDaemon(true);
        reader.start();
        return digest;
    }

    private static String result(FutureTask<String> digest) throws IOException {
        try {
            return digest.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while the merged file's digest was read");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException("Reading the merged file's digest failed", e.getCause());
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
