package org.bdisuite.receiver.storage;

import java.nio.file.Path;

/**
 * The spec's folder layout under one base folder: {@code ${BASE_FOLDER}/bdi-data/${TxId}/${TId}/${BId}/}. Every
 * segment is checked by {@link PathSegments} and every resolved path is checked to stay inside bdi-data, so no
 * request can make the receiver write anywhere else.
 */
public final class ReceiverFolders {

    /** The folder the Receiver Service creates under each base folder (BDI guide, Table 3-1). */
    public static final String DATA_FOLDER = "bdi-data";

    private final Path dataRoot;

    private ReceiverFolders(Path dataRoot) {
        this.dataRoot = dataRoot;
    }

    /** The layout under a base folder from bdi_receiver_options or suite.receiver.base-folder. */
    public static ReceiverFolders under(Path baseFolder) {
        return new ReceiverFolders(baseFolder.toAbsolutePath().normalize().resolve(DATA_FOLDER));
    }

    public Path dataRoot() {
        return dataRoot;
    }

    /** ${TxId}: where an interface-level merge writes its file. */
    public Path transaction(String transactionId) {
        return inside(PathSegments.require("transactionId", transactionId));
    }

    /** ${TxId}/${TId}: where a partition-level merge writes its file. */
    public Path transmission(String transactionId, String transmissionId) {
        return inside(
                PathSegments.require("transactionId", transactionId),
                PathSegments.require("transmissionId", transmissionId));
    }

    /** ${TxId}/${TId}/${BId}: where one block's file lives. */
    public Path block(String transactionId, String transmissionId, String blockId) {
        return inside(
                PathSegments.require("transactionId", transactionId),
                PathSegments.require("transmissionId", transmissionId),
                PathSegments.require("blockId", blockId));
    }

    private Path inside(String... segments) {
        Path path = dataRoot;
        for (String segment : segments) {
            path = path.resolve(segment);
        }
        Path normalized = path.normalize();
        // Unreachable with checked segments; kept so that a future caller cannot skip the check by accident.
        if (!normalized.startsWith(dataRoot) || normalized.equals(dataRoot)) {
            throw new IllegalArgumentException("Refusing a path outside " + dataRoot);
        }
        return normalized;
    }
}
