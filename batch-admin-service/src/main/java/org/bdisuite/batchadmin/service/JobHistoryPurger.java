package org.bdisuite.batchadmin.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.bdisuite.batchadmin.persistence.JobRepositoryQueries;
import org.bdisuite.runtime.retention.PurgeBatches;
import org.bdisuite.runtime.retention.Purger;
import org.bdisuite.runtime.retention.Reclaimed;
import org.bdisuite.runtime.retention.RetentionConfig;

/**
 * JOB_HISTORY: the JBeret job repository's executions, steps and partitions of job instances whose every
 * execution ended before the cutoff (suite.retention.job-history). A running execution, and any instance with
 * one, is never touched.
 */
@ApplicationScoped
public class JobHistoryPurger implements Purger {

    /** Instances per database transaction. */
    private static final int BATCH = 200;

    private final JobRepositoryQueries queries;
    private final RetentionConfig config;

    public JobHistoryPurger(JobRepositoryQueries queries, RetentionConfig config) {
        this.queries = queries;
        this.config = config;
    }

    @Override
    public String kind() {
        return "JOB_HISTORY";
    }

    @Override
    public Duration retention() {
        return config.jobHistory();
    }

    @Override
    public Reclaimed purge(OffsetDateTime cutoff, boolean dryRun) {
        return PurgeBatches.untilShort(
                BATCH,
                0L,
                after -> QuarkusTransaction.requiringNew().call(() -> {
                    List<Long> ids = queries.instancesEndedBefore(cutoff, after, BATCH, !dryRun);
                    return new PurgeBatches.Batch<>(ids, queries.purgeHistoryOf(ids, dryRun));
                }));
    }
}
