package org.bdisuite.receiver.storage;

/**
 * The name of a merged file (MERGE_TO_PARTITION_LEVEL in ${TId}, MERGE_TO_INTERFACE_LEVEL in ${TxId}) from the
 * pattern {@code suite.receiver.merged-file-name}, where {@code {interface}} stands for the interface short name.
 * Only the receiver knows it: the importer finds the files in the hand-over's file list, never by this name.
 */
public final class MergedFileName {

    public static final String INTERFACE = "{interface}";

    private final String pattern;

    private MergedFileName(String pattern) {
        this.pattern = pattern;
    }

    /**
     * @throws IllegalArgumentException when the pattern lacks {interface} (the interface-level files of several
     *     interfaces share one folder) or does not make a plain file name
     */
    public static MergedFileName of(String pattern) {
        if (pattern == null || !pattern.contains(INTERFACE)) {
            throw new IllegalArgumentException(
                    "suite.receiver.merged-file-name must contain " + INTERFACE + ", not " + pattern);
        }
        MergedFileName names = new MergedFileName(pattern);
        try {
            PathSegments.require("suite.receiver.merged-file-name", names.forInterface("Diff"));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "suite.receiver.merged-file-name must make a plain file name (letters, digits, _ . # @ + = -),"
                            + " not "
                            + pattern,
                    e);
        }
        return names;
    }

    public String forInterface(String interfaceShortName) {
        return pattern.replace(INTERFACE, interfaceShortName);
    }
}
