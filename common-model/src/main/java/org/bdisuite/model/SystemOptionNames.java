package org.bdisuite.model;

/** Names of the rows of bdi_system_options that the suite itself reads. */
public final class SystemOptionNames {

    /** Maximum number of blocks the Receiver Service accepts in one transaction (spec default 10000). */
    public static final String RECEIVER_MAX_NUM_BLOCKS = "receiverMaxNumBlocks";
    /** TRUE makes the next deployment load the seed data again. */
    public static final String LOAD_SEED_DATA = "LOADSEEDDATA";

    private SystemOptionNames() {}
}
