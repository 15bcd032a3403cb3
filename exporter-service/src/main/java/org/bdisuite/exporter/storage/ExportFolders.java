package org.bdisuite.exporter.storage;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Measures and deletes a folder of exporter files (a run's folder under the work directory, a file job's under the
 * services files directory) for the retention purge. Refuses any folder that is not strictly inside its root, so a
 * wrong name in a row can never make the exporter delete elsewhere. A folder already gone is fine.
 */
public final class ExportFolders {

    private ExportFolders() {}

    /** The bytes of the files in {@code folder} (0 when it is gone). */
    public static long size(Path root, Path folder) throws IOException {
        Path checked = inside(root, folder);
        if (!Files.exists(checked)) {
            return 0;
        }
        long[] bytes = {0};
        Files.walkFileTree(checked, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                bytes[0] += attributes.size();
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException failure) throws IOException {
                if (failure instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw failure;
            }
        });
        return bytes[0];
    }

    /** Deletes {@code folder} with everything in it. */
    public static void delete(Path root, Path folder) throws IOException {
        Path checked = inside(root, folder);
        if (!Files.exists(checked)) {
            return;
        }
        Files.walkFileTree(checked, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null && !(failure instanceof NoSuchFileException)) {
                    throw failure;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static Path inside(Path root, Path folder) {
        Path base = root.toAbsolutePath().normalize();
        Path checked = folder.toAbsolutePath().normalize();
        if (!checked.startsWith(base) || checked.equals(base)) {
            throw new IllegalArgumentException("Refusing to touch " + checked + ": not a folder inside " + base);
        }
        return checked;
    }
}
