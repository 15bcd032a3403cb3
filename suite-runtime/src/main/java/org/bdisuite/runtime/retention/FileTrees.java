package org.bdisuite.runtime.retention;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Measures and deletes a folder tree one entry at a time (no listing held in memory), for the purges and expiries
 * that reclaim files. Entries that vanish meanwhile are fine: another replica's purge or a repeated expiry after a
 * crash may have removed them, and the goal is reached either way. Callers check first that the folder is one they
 * may touch; this class trusts the path it is given.
 */
public final class FileTrees {

    private FileTrees() {}

    /** The bytes of the files under {@code folder}: what deleting it reclaims (0 when it is gone). */
    public static long bytesIn(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return 0;
        }
        long[] bytes = {0};
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                bytes[0] += attributes.size();
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException failure) throws IOException {
                return skipIfGone(failure);
            }
        });
        return bytes[0];
    }

    /** Deletes {@code folder} with everything in it; returns the number of files deleted (0 when it is gone). */
    public static long delete(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return 0;
        }
        long[] files = {0};
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.deleteIfExists(file);
                files[0]++;
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException failure) throws IOException {
                return skipIfGone(failure);
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null) {
                    skipIfGone(failure);
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
        return files[0];
    }

    private static FileVisitResult skipIfGone(IOException failure) throws IOException {
        if (failure instanceof NoSuchFileException) {
            return FileVisitResult.CONTINUE;
        }
        throw failure;
    }
}
