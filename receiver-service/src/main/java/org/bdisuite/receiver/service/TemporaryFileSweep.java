package org.bdisuite.receiver.service;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import org.bdisuite.receiver.config.ReceiverConfig;
import org.bdisuite.receiver.persistence.ReceiverOptionRepository;
import org.bdisuite.receiver.storage.ReceiverFolders;
import org.bdisuite.receiver.storage.TemporaryFiles;
import org.jboss.logging.Logger;

/**
 * Removes the temporary files a killed receiver left in every data folder (the default base folder and each
 * bdi_receiver_options base folder): once when the service starts and with every expiry run. Files written within
 * {@code suite.receiver.temporary-files.sweep-after} are kept, as another replica sharing the folder may be writing
 * them. A sweep that fails is logged and does not stop the service: the files are harmless, only wasted space.
 */
@ApplicationScoped
public class TemporaryFileSweep {

    private static final Logger LOG = Logger.getLogger(TemporaryFileSweep.class);

    private final ReceiverOptionRepository options;
    private final ReceiverConfig config;

    public TemporaryFileSweep(ReceiverOptionRepository options, ReceiverConfig config) {
        this.options = options;
        this.config = config;
    }

    void onStart(@Observes StartupEvent started) {
        sweep();
    }

    /** @return how many temporary files were deleted */
    public long sweep() {
        Instant writtenBefore = Instant.now().minus(config.temporaryFiles().sweepAfter());
        long deleted = 0;
        Set<Path> baseFolders;
        try {
            baseFolders = baseFolders();
        } catch (RuntimeException e) {
            LOG.warnf("Could not read the base folders to sweep: %s", e.getMessage());
            return 0;
        }
        for (Path baseFolder : baseFolders) {
            Path dataRoot = ReceiverFolders.under(baseFolder).dataRoot();
            try {
                deleted += TemporaryFiles.sweep(dataRoot, writtenBefore);
            } catch (IOException | RuntimeException e) {
                LOG.warnf("Could not sweep the temporary files under %s: %s", dataRoot, e.getMessage());
            }
        }
        if (deleted > 0) {
            LOG.infof("Removed %d temporary files left by an interrupted upload or merge", deleted);
        }
        return deleted;
    }

    private Set<Path> baseFolders() {
        Set<Path> folders = new LinkedHashSet<>();
        folders.add(Path.of(config.baseFolder()));
        options.baseFolders().forEach(folder -> folders.add(Path.of(folder)));
        return folders;
    }
}
