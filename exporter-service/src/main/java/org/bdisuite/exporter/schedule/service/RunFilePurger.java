package org.bdisuite.exporter.schedule.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.bdisuite.exporter.config.ExporterConfig;
import org.bdisuite.exporter.schedule.persistence.RunFileRepository;
import org.bdisuite.exporter.schedule.persistence.RunFileRepository.EndedRun;
import org.bdisuite.exporter.storage.ExportFolders;
import org.bdisuite.runtime.retention.PurgeBatches;
import org.bdisuite.runtime.retention.Purger;
import org.bdisuite.runtime.retention.Reclaimed;
import org.bdisuite.runtime.retention.RetentionConfig;

/**
 * EXPORT_RUN_FILES: the files (work-dir/business key/run id) and file rows of export runs that ended before the
 * cutoff (suite.retention.export-run-files). The run ledger, deliveries and audit stay; a download of a purged
 * file is a 404 "no longer kept", and a retry of the run writes its files again. A running run is never touched.
 */
@ApplicationScoped
public class RunFilePurger implements Purger {

    private static final int BATCH = 100;

    private final RunFileRepository files;
    private final ExporterConfig exporter;
    private final RetentionConfig config;

    public RunFilePurger(RunFileRepository files, ExporterConfig exporter, RetentionConfig config) {
        this.files = files;
        this.exporter = exporter;
        this.config = config;
    }

    @Override
    public String kind() {
        return "EXPORT_RUN_FILES";
    }

    @Override
    public Duration retention() {
        return config.exportRunFiles();
    }

    @Override
    public Reclaimed purge(OffsetDateTime cutoff, boolean dryRun) {
        return PurgeBatches.untilShort(BATCH, 0L, after -> {
            List<EndedRun> runs = QuarkusTransaction.requiringNew().call(() -> {
                List<EndedRun> found = files.endedRunsWithFilesBefore(cutoff, after, BATCH, !dryRun);
                if (!dryRun) {
                    files.deleteOfRuns(found.stream().map(EndedRun::id).toList());
                }
                return found;
            });
            Reclaimed reclaimed = Reclaimed.NOTHING;
            for (EndedRun run : runs) {
                reclaimed = reclaimed.plus(new Reclaimed(run.files(), folderBytes(run, dryRun)));
            }
            return new PurgeBatches.Batch<>(runs.stream().map(EndedRun::id).toList(), reclaimed);
        });
    }

    /**
     * The run folder's bytes, deleted unless a dry run. Deleted after the rows' commit: a crash in between leaves
     * files without rows, which nothing reads (a retry writes new ones); never rows without files.
     */
    private long folderBytes(EndedRun run, boolean dryRun) {
        Path root = exporter.workDir();
        Path folder = root.resolve(run.businessKey()).resolve(Long.toString(run.id()));
        try {
            long bytes = ExportFolders.size(root, folder);
            if (!dryRun) {
                ExportFolders.delete(root, folder);
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not purge the files of export run " + run.id(), e);
        }
    }
}
