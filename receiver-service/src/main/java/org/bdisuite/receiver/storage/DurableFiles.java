package org.bdisuite.receiver.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.bdisuite.receiver.error.ReceiverRule;

/**
 * Writes files so that a crash at any point leaves either the whole new file or nothing visible: the bytes go
 * to a temporary file in the target's folder, are forced to disk, the temporary file is renamed over the target
 * in one step, and the folder itself is forced so that the rename survives a power loss.
 * <p>
 * A {@link #stage staged} body's forces run on a thread of their own, so that a caller can do other work (an upload
 * takes its database locks) while the disk flushes: the new folders are forced while the body is still arriving, the
 * file as soon as it is complete, and the folder of a {@link Staged#place placed} file while the caller records it.
 * Nothing waits less: {@link Staged#place} waits for the file's force before it renames, and {@link Placed#durable}
 * for the new folders' and the rename's before the caller may commit anything that names the file.
 */
public final class DurableFiles {

    private static final int BUFFER_BYTES = 256 * 1024;
    /** Idle threads end after a minute; daemon threads, so they never hold the process up. */
    private static final ExecutorService FORCES = Executors.newCachedThreadPool(new ForceThreads());

    private static final Pattern TEMPORARY_NAME =
            Pattern.compile("\\..+\\.[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}\\.tmp");

    private DurableFiles() {}

    /** A file in place: where, how many bytes, and their SHA-256 as lower-case hex. */
    public record Written(Path file, long bytes, String sha256Hex) {}

    /**
     * A body written under a temporary name next to its target (its force, and the force of the folders created
     * for it, under way in {@code fileForced} and {@code foldersForced}), not yet visible under the target's name: {@link #place()} or
     * {@link #commit()} moves it into place, {@link #discard()} removes it. Lets a caller stream a body without
     * holding a database transaction, then decide under a lock whether to keep it.
     */
    public record Staged(
            Path temporary,
            Path target,
            long bytes,
            String sha256Hex,
            CompletableFuture<Void> fileForced,
            CompletableFuture<Void> foldersForced) {

        /**
         * Waits until the bytes are on disk, renames the file into place and starts forcing the rename: the caller
         * records the file meanwhile and calls {@link Placed#durable()} before it commits. The new folders' force
         * need not be done before the rename (until it is, a power loss takes the folder with the file, and no row
         * names either), only before the commit: {@link Placed#durable()} waits for it too.
         */
        public Placed place() throws IOException {
            await(fileForced);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("The file system of " + target.getParent() + " cannot rename atomically", e);
            }
            return new Placed(
                    new Written(target, bytes, sha256Hex),
                    CompletableFuture.allOf(foldersForced, async(() -> forceFolder(target.getParent()))));
        }

        /** {@link #place()} and wait until the rename is on disk. */
        public Written commit() throws IOException {
            return place().durable();
        }

        public void discard() throws IOException {
            Files.deleteIfExists(temporary);
        }
    }

    /** A file renamed into place whose folder is being forced. */
    public record Placed(Written written, CompletableFuture<Void> forced) {

        /** The file, once its name survives a power loss. */
        public Written durable() throws IOException {
            await(forced);
            return written;
        }
    }

    /**
     * The most bytes a body may have, and the failure thrown as soon as it has more (while it is being read, so an
     * oversized body is never written whole).
     */
    public record Limit(long bytes, Supplier<? extends RuntimeException> exceeded) {

        /** The 413 of a body over a plain size limit. */
        public static Limit of(long maxBytes) {
            return new Limit(
                    maxBytes,
                    () -> ReceiverRule.BLOCK_TOO_LARGE.refuse(
                            "The body is larger than the limit of " + maxBytes + " bytes; nothing was stored"));
        }
    }

    /**
     * Streams {@code body} into {@code target} without holding it in memory, computing its SHA-256 on the way.
     *
     * @param maxBytes       more bytes than this is a 413, and nothing is left behind
     * @param expectedSha256 when present, a different digest is a 422, and nothing is left behind
     */
    public static Written write(InputStream body, Path target, long maxBytes, Optional<String> expectedSha256)
            throws IOException {
        Staged staged = stage(body, target, maxBytes, expectedSha256);
        try {
            return staged.commit();
        } finally {
            staged.discard();
        }
    }

    /** Like {@link #write} but stops before the target name becomes visible. */
    public static Staged stage(InputStream body, Path target, long maxBytes, Optional<String> expectedSha256)
            throws IOException {
        return stage(body, target, Limit.of(maxBytes), expectedSha256);
    }

    /** Like {@link #stage(InputStream, Path, long, Optional)}, with the limit's own failure. */
    public static Staged stage(InputStream body, Path target, Limit limit, Optional<String> expectedSha256)
            throws IOException {
        Path firstCreated = firstMissingAncestor(target.getParent());
        Files.createDirectories(target.getParent());
        CompletableFuture<Void> folders = firstCreated == null
                ? CompletableFuture.completedFuture(null)
                : async(() -> forceCreatedFolders(target.getParent(), firstCreated));
        Path temporary = temporarySibling(target);
        boolean staged = false;
        FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            MessageDigest sha256 = sha256();
            long bytes = copy(body, out, sha256, limit);
            String actual = HexFormat.of().formatHex(sha256.digest());
            if (expectedSha256.isPresent() && !expectedSha256.get().equalsIgnoreCase(actual)) {
                throw ReceiverRule.DIGEST_MISMATCH.refuse("The body's sha-256 is " + actual
                        + " but the request declared " + expectedSha256.get().toLowerCase() + "; nothing was stored");
            }
            CompletableFuture<Void> file = async(() -> {
                try (out) {
                    out.force(true);
                }
            });
            staged = true;
            return new Staged(temporary, target, bytes, actual, file, folders);
        } finally {
            if (!staged) {
                out.close();
                Files.deleteIfExists(temporary);
                awaitQuietly(folders);
                removeEmptyFolders(target.getParent(), firstCreated);
            }
        }
    }

    /** What a force does: I/O that may fail. */
    @FunctionalInterface
    private interface Force {
        void run() throws IOException;
    }

    private static CompletableFuture<Void> async(Force force) {
        return CompletableFuture.runAsync(
                () -> {
                    try {
                        force.run();
                    } catch (IOException e) {
                        throw new CompletionException(e);
                    }
                },
                FORCES);
    }

    /** Starts forcing {@code channel}'s bytes on the force threads; the caller keeps it open until {@link #await}. */
    static CompletableFuture<Void> forceAside(FileChannel channel) {
        return async(() -> channel.force(true));
    }

    /** Waits for forces started by {@link #async}; their failure is the caller's. */
    static void await(CompletableFuture<Void> forced) throws IOException {
        try {
            forced.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while waiting for the disk");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof CompletionException wrapped && wrapped.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("Could not force to disk", e.getCause());
        }
    }

    /**
     * Lets a failed write's clean-up wait for a force it started (a folders' force may fail once they are gone; the
     * failure that is reported is the write's own).
     */
    static void awaitQuietly(CompletableFuture<Void> forced) {
        try {
            await(forced);
        } catch (IOException ignored) {
            // The files or folders are removed next; a force that failed on them changes nothing.
        }
    }

    /**
     * A new folder's name lives in its parent: without forcing the parent, a power loss could lose the folder and the
     * file in it even after the file and its own folder were forced.
     */
    private static void forceCreatedFolders(Path innermost, Path outermostCreated) throws IOException {
        if (outermostCreated == null) {
            return;
        }
        for (Path folder = innermost;
                folder != null && folder.startsWith(outermostCreated);
                folder = folder.getParent()) {
            forceFolder(folder.getParent());
        }
    }

    /** The outermost folder of {@code folder}'s chain that does not exist yet, or null when it exists. */
    private static Path firstMissingAncestor(Path folder) {
        Path missing = null;
        for (Path candidate = folder;
                candidate != null && !Files.exists(candidate);
                candidate = candidate.getParent()) {
            missing = candidate;
        }
        return missing;
    }

    /** Removes the folders a failed write created, innermost first, leaving any that something else filled. */
    private static void removeEmptyFolders(Path innermost, Path outermostCreated) {
        if (outermostCreated == null) {
            return;
        }
        for (Path folder = innermost;
                folder != null && folder.startsWith(outermostCreated);
                folder = folder.getParent()) {
            try {
                Files.deleteIfExists(folder);
            } catch (IOException notEmptyOrBusy) {
                return;
            }
        }
    }

    /** Replaces {@code target} with {@code temporary} in one step and makes the change durable. */
    public static void moveIntoPlace(Path temporary, Path target) throws IOException {
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("The file system of " + target.getParent() + " cannot rename atomically", e);
        }
        forceFolder(target.getParent());
    }

    /** A new, unused name next to {@code target}, hidden so that listings of the folder skip it. */
    public static Path temporarySibling(Path target) {
        return target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
    }

    /** Whether {@code file} is named like a {@link #temporarySibling}: what a write cut off by a crash leaves. */
    public static boolean isTemporary(Path file) {
        return TEMPORARY_NAME.matcher(file.getFileName().toString()).matches();
    }

    /** The SHA-256 of a file, read in a stream. */
    public static String sha256Hex(Path file) throws IOException {
        MessageDigest sha256 = sha256();
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            while (in.read(buffer.clear()) != -1) {
                sha256.update(buffer.flip());
            }
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** Writes the body to {@code out} (left open: its force follows on another thread). */
    private static long copy(InputStream body, FileChannel out, MessageDigest sha256, Limit limit) throws IOException {
        byte[] bytes = new byte[BUFFER_BYTES];
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        long total = 0;
        try (InputStream in = body) {
            int read;
            while ((read = in.read(bytes)) != -1) {
                total += read;
                if (total > limit.bytes()) {
                    throw limit.exceeded().get();
                }
                sha256.update(bytes, 0, read);
                buffer.clear().limit(read);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
            }
        }
        return total;
    }

    private static void forceFolder(Path folder) throws IOException {
        try (FileChannel directory = FileChannel.open(folder, StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException notSupported) {
            // Some platforms (Windows) cannot open a folder as a channel; their rename is durable on its own.
            if (!System.getProperty("os.name", "").toLowerCase().contains("win")) {
                throw notSupported;
            }
        }
    }

    /** Names the force threads, so that a thread dump says what they wait for. */
    private static final class ForceThreads implements ThreadFactory {
        private final AtomicInteger next = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "durable-files-force-" + next.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
