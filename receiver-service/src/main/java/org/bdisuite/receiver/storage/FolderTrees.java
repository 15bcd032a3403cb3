package org.bdisuite.receiver.storage;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** Removes a transaction's folder with everything in it, one entry at a time (no listing held in memory). */
public final class FolderTrees {

    private FolderTrees() {}

    /**
     * Deletes {@code ${BASE_FOLDER}/bdi-data/${TxId}} and its content. Refuses any other path, so that a wrong
     * {@code dir} in a row can never make the receiver delete outside its data folders. A folder already gone is
     * fine: a repeated expiry after a crash finds nothing left to delete.
     *
     * @return the number of files deleted
     */
    public static long deleteTransactionFolder(Path folder, String transactionId) throws IOException {
        Path normalized = transactionFolder(folder, transactionId);
        if (!Files.exists(normalized)) {
            return 0;
        }
        long[] files = {0};
        Files.walkFileTree(normalized, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                deleteIfPresent(file);
                files[0]++;
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                deleteIfPresent(dir);
                return FileVisitResult.CONTINUE;
            }
        });
        return files[0];
    }

    /**
     * The bytes of the files in {@code ${BASE_FOLDER}/bdi-data/${TxId}} (0 when it is gone): what deleting it
     * reclaims. Refuses any other path, as the delete does.
     */
    public static long sizeOfTransactionFolder(Path folder, String transactionId) throws IOException {
        Path normalized = transactionFolder(folder, transactionId);
        if (!Files.exists(normalized)) {
            return 0;
        }
        long[] bytes = {0};
        Files.walkFileTree(normalized, new SimpleFileVisitor<>() {
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

    private static Path transactionFolder(Path folder, String transactionId) {
        Path normalized = folder.toAbsolutePath().normalize();
        Path parent = normalized.getParent();
        if (normalized.getFileName() == null
                || !normalized.getFileName().toString().equals(transactionId)
                || parent == null
                || parent.getFileName() == null
                || !parent.getFileName().toString().equals(ReceiverFolders.DATA_FOLDER)) {
            throw new IllegalArgumentException("Refusing to delete " + normalized + ": not the folder of transaction "
                    + transactionId + " in a " + ReceiverFolders.DATA_FOLDER + " folder");
        }
        return normalized;
    }

    private static void deleteIfPresent(Path path) throws IOException {
        try {
            Files.deleteIfExists(path);
        } catch (NoSuchFileException raced) {
            // Removed meanwhile by another replica's attempt; the goal is reached either way.
        }
    }
}
