package org.bdisuite.exporter.storage;

import java.io.IOException;
import java.nio.file.Path;
import org.bdisuite.runtime.retention.FileTrees;

/**
 * Measures and deletes a folder of exporter files (a run's folder under the work directory, a file job's under the
 * services files directory) for the retention purge. Refuses any folder that is not strictly inside its root, so a
 * wrong name in a row can never make the exporter delete elsewhere. A folder already gone is fine.
 */
public final class ExportFolders {

    private ExportFolders() {}

    /** The bytes of the files in {@code folder} (0 when it is gone). */
    public static long size(Path root, Path folder) throws IOException {
        return FileTrees.bytesIn(inside(root, folder));
    }

    /** Deletes {@code folder} with everything in it. */
    public static void delete(Path root, Path folder) throws IOException {
        FileTrees.delete(inside(root, folder));
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
