package org.bdisuite.receiver.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.stream.Stream;

/**
 * Removes the temporary files ({@link DurableFiles#temporarySibling}) that a process killed in the middle of an upload
 * or a merge leaves in the data folders. They are hidden and never become data, but they take space for ever. Only
 * files not written since {@code writtenBefore} go: a replica that shares the folder may be writing a newer one.
 */
public final class TemporaryFiles {

    private TemporaryFiles() {}

    /** @return how many temporary files were deleted under {@code dataRoot} (the bdi-data folder) */
    public static long sweep(Path dataRoot, Instant writtenBefore) throws IOException {
        if (!Files.isDirectory(dataRoot)) {
            return 0;
        }
        FileTime cutoff = FileTime.from(writtenBefore);
        try (Stream<Path> files = Files.walk(dataRoot)) {
            return files.filter(DurableFiles::isTemporary)
                    .filter(file -> writtenBefore(file, cutoff))
                    .filter(TemporaryFiles::delete)
                    .count();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static boolean writtenBefore(Path file, FileTime cutoff) {
        try {
            return Files.getLastModifiedTime(file).compareTo(cutoff) < 0;
        } catch (NoSuchFileException gone) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean delete(Path file) {
        try {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
