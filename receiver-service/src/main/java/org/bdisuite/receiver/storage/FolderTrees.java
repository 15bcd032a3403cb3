package org.bdisuite.receiver.storage;

import java.io.IOException;
import java.nio.file.Path;
import org.bdisuite.runtime.retention.FileTrees;

/** Measures and removes a transaction's folder, refusing any folder that is not one (see {@link FileTrees}). */
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
        return FileTrees.delete(transactionFolder(folder, transactionId));
    }

    /**
     * The bytes of the files in {@code ${BASE_FOLDER}/bdi-data/${TxId}} (0 when it is gone): what deleting it
     * reclaims. Refuses any other path, as the delete does.
     */
    public static long sizeOfTransactionFolder(Path folder, String transactionId) throws IOException {
        return FileTrees.bytesIn(transactionFolder(folder, transactionId));
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
}
