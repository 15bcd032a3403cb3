package org.bdisuite.exporter.customerservice.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.bdisuite.exporter.config.ExporterConfig;
import org.bdisuite.exporter.customerservice.persistence.FileJobFileRepository;
import org.bdisuite.exporter.customerservice.persistence.FileJobRepository;
import org.bdisuite.exporter.storage.ExportFolders;
import org.bdisuite.runtime.retention.PurgeBatches;
import org.bdisuite.runtime.retention.Purger;
import org.bdisuite.runtime.retention.Reclaimed;
import org.bdisuite.runtime.retention.RetentionConfig;

/**
 * FILE_JOB_FILES: services file-export jobs that ended EXPIRED or FAILED before the cutoff
 * (suite.retention.file-job-files): their rows, file rows and any folder left (a failed attempt's, or an expiry
 * interrupted by a crash). Queued, running and succeeded jobs are never touched (the jobs' own retention,
 * suite.exporter.services.retention, expires succeeded ones first).
 */
@ApplicationScoped
public class FileJobPurger implements Purger {

    private static final int BATCH = 100;

    private final FileJobRepository jobs;
    private final FileJobFileRepository files;
    private final ExporterConfig exporter;
    private final RetentionConfig config;

    public FileJobPurger(
            FileJobRepository jobs, FileJobFileRepository files, ExporterConfig exporter, RetentionConfig config) {
        this.jobs = jobs;
        this.files = files;
        this.exporter = exporter;
        this.config = config;
    }

    @Override
    public String kind() {
        return "FILE_JOB_FILES";
    }

    @Override
    public Duration retention() {
        return config.fileJobFiles();
    }

    @Override
    public Reclaimed purge(OffsetDateTime cutoff, boolean dryRun) {
        return PurgeBatches.untilShort(
                BATCH,
                "",
                after -> QuarkusTransaction.requiringNew().call(() -> {
                    List<String> ids = jobs.endedBefore(cutoff, after, BATCH, !dryRun);
                    long rows = ids.size() + files.countOfJobs(ids);
                    long bytes = 0;
                    for (String id : ids) {
                        bytes += folderBytes(id, dryRun);
                    }
                    if (!dryRun) {
                        files.deleteOfJobs(ids);
                        jobs.deleteAll(ids);
                    }
                    return new PurgeBatches.Batch<>(ids, new Reclaimed(rows, bytes));
                }));
    }

    /** The job folder's bytes, deleted (before the rows' commit) unless a dry run. */
    private long folderBytes(String jobId, boolean dryRun) {
        Path root = exporter.services().filesDir();
        try {
            long bytes = ExportFolders.size(root, root.resolve(jobId));
            if (!dryRun) {
                ExportFolders.delete(root, root.resolve(jobId));
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not purge the folder of file job " + jobId, e);
        }
    }
}
