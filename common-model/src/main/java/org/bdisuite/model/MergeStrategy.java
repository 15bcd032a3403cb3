package org.bdisuite.model;

/** How the Receiver Service merges the block files of a transaction (the BDI guide, Table 3-1). */
public enum MergeStrategy {
    /** Keep one file per block. */
    NO_MERGE,
    /** One merged file per transmission (partition), in its ${TId} folder. */
    MERGE_TO_PARTITION_LEVEL,
    /** One merged file per interface, in the ${TxId} folder. */
    MERGE_TO_INTERFACE_LEVEL
}
