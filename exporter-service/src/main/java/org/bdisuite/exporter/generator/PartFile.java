package org.bdisuite.exporter.generator;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One output file written durably: into a hidden temporary name next to its target, hashed on the way, forced to
 * disk, then renamed into place, so that a crash leaves no file that looks complete but is not.
 */
final class PartFile {

    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private final MessageDigest digest;
    private final OutputStream stream;
    /** Where early writeback runs (null: none); see {@link #write}. */
    private java.util.concurrent.ExecutorService writeback;

    private java.util.concurrent.Future<?> earlyForce;
    private long written;
    private long forcedUpTo;

    /** Bytes after which write() starts a background force, so that the final force has only the tail to flush. */
    private static final long WRITEBACK_STEP = 4L * 1024 * 1024;

    PartFile(Path target, java.util.concurrent.ExecutorService writeback) throws IOException {
        this(target);
        this.writeback = writeback;
    }

    PartFile(Path target) throws IOException {
        this.target = target;
        this.temp = temporary(target);
        this.channel = FileChannel.open(
                temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        this.stream = new DigestOutputStream(Channels.newOutputStream(channel), digest);
    }

    OutputStream stream() {
        return stream;
    }

    /** Hashes and writes the bytes straight to the channel (no stream in between). */
    void write(byte[] bytes, int offset, int length) throws IOException {
        digest.update(bytes, offset, length);
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes, offset, length);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        written += length;
        // Early writeback: the disk takes the first megabytes while the rest is produced; durability still comes
        // from the final force(true) in complete(), which then has little left to do.
        if (writeback != null
                && written - forcedUpTo >= WRITEBACK_STEP
                && (earlyForce == null || earlyForce.isDone())) {
            forcedUpTo = written;
            earlyForce = writeback.submit(() -> {
                channel.force(false);
                return null;
            });
        }
    }

    /** Lets a running early force end before the channel is forced for good and closed. */
    private void awaitEarlyForce() {
        if (earlyForce == null) {
            return;
        }
        try {
            earlyForce.get();
        } catch (java.util.concurrent.ExecutionException ignored) {
            // the final force(true) reports any real failure
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Call after the writer has flushed everything: forces, closes and renames; returns the file's facts. */
    GeneratedFile complete(Long rows) throws IOException {
        awaitEarlyForce();
        channel.force(true);
        long bytes = channel.size();
        stream.close();
        moveIntoPlace();
        return new GeneratedFile(
                target.getFileName().toString(), target, bytes, HexFormat.of().formatHex(digest.digest()), rows);
    }

    /**
     * The file's facts now, and its force, close and rename as a task for {@code durability} (a split export
     * forces part n while it writes part n + 1). The file is complete on disk only once the task has run.
     */
    GeneratedFile completeLater(
            Long rows,
            java.util.concurrent.ExecutorService durability,
            java.util.List<java.util.concurrent.Future<?>> pending)
            throws IOException {
        long bytes = channel.size();
        GeneratedFile facts = new GeneratedFile(
                target.getFileName().toString(), target, bytes, HexFormat.of().formatHex(digest.digest()), rows);
        pending.add(durability.submit(() -> {
            channel.force(true);
            stream.close();
            moveIntoPlace();
            return null;
        }));
        return facts;
    }

    /**
     * Renames the forced file into place and forces its folder: the new name lives in the folder, and without that
     * force a power loss could lose the rename although the run recorded the file.
     */
    private void moveIntoPlace() throws IOException {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel folder = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
            folder.force(true);
        } catch (IOException notSupported) {
            // Some platforms (Windows) cannot open a folder as a channel; their rename is durable on its own.
            if (!System.getProperty("os.name", "").toLowerCase().contains("win")) {
                throw notSupported;
            }
        }
    }

    /** The hidden name a file has until it is complete. */
    static Path temporary(Path target) {
        return target.resolveSibling("." + target.getFileName() + ".tmp");
    }

    void abandon() {
        try {
            stream.close();
        } catch (IOException ignored) {
            // the file is deleted next
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // a leftover hidden temp file is harmless and replaced by a retry
        }
    }
}
