package org.bdisuite.batchadmin.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bdisuite.batchadmin.config.NotificationConfig;
import org.bdisuite.batchadmin.persistence.ExecutionRow;
import org.bdisuite.batchadmin.persistence.ExitMessageStore;
import org.bdisuite.batchadmin.persistence.JobRepositoryQueries;
import org.bdisuite.runtime.events.FreshnessKind;
import org.bdisuite.runtime.events.SuiteEventKind;
import org.bdisuite.runtime.persistence.FreshnessStore;
import org.bdisuite.runtime.persistence.SuiteEventStore;

/**
 * Finds the job executions that ended since the last look and records what they mean: FAILED and ABANDONED ones as
 * events (once per execution and status: the occurrence key {@code job-execution:<id>:<status>}), COMPLETED ones as
 * the job's last success (and, for an importer, its interface module's). JBeret writes its repository itself, in
 * transactions of its own, and executions also become FAILED when a replica's lease expires or ABANDONED through
 * the API: reading the repository sees them all, from whichever replica, even after a crash. Every replica looks;
 * recording is idempotent.
 */
@ApplicationScoped
public class JobExecutionEvents {

    /** Executions updated this long before a look are looked at again (commits still in flight then). */
    private static final Duration OVERLAP = Duration.ofMinutes(2);

    private final JobRepositoryQueries repository;
    private final SuiteEventStore events;
    private final FreshnessStore freshness;
    private final NotificationConfig config;
    private final ExitMessageStore exitMessages;
    private volatile OffsetDateTime since;

    public JobExecutionEvents(
            JobRepositoryQueries repository,
            SuiteEventStore events,
            FreshnessStore freshness,
            NotificationConfig config,
            ExitMessageStore exitMessages) {
        this.exitMessages = exitMessages;
        this.repository = repository;
        this.events = events;
        this.freshness = freshness;
        this.config = config;
    }

    /** Looks once; returns the number of new events recorded. */
    public synchronized int scan() {
        OffsetDateTime started = OffsetDateTime.now();
        OffsetDateTime from = since != null ? since : started.minus(config.scanLookback());
        int recorded = QuarkusTransaction.requiringNew().call(() -> {
            int count = 0;
            for (ExecutionRow execution : repository.endedSince(from)) {
                count += record(execution) ? 1 : 0;
            }
            return count;
        });
        since = started.minus(OVERLAP);
        return recorded;
    }

    private boolean record(ExecutionRow execution) {
        if ("COMPLETED".equals(execution.batchStatus())
                && String.valueOf(execution.exitStatus()).startsWith(PipelineJobs.BLOCKED_EXIT_PREFIX)) {
            return false; // a run that a FAILED data set blocked did nothing: no success of its job
        }
        if ("COMPLETED".equals(execution.batchStatus())) {
            OffsetDateTime at = execution.endTime() != null ? execution.endTime() : execution.lastUpdatedTime();
            freshness.succeeded(FreshnessKind.JOB, execution.jobName(), at);
            PipelineJobs.parse(execution.jobName())
                    .filter(job -> job.kind() == PipelineJobs.Kind.IMPORTER)
                    .ifPresent(job -> freshness.succeeded(FreshnessKind.INTERFACE_MODULE, job.interfaceModule(), at));
            return false;
        }
        SuiteEventKind kind = "FAILED".equals(execution.batchStatus())
                ? SuiteEventKind.JOB_EXECUTION_FAILED
                : SuiteEventKind.JOB_EXECUTION_ABANDONED;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("jobExecutionId", execution.executionId());
        details.put("jobInstanceId", execution.jobInstanceId());
        details.put("jobName", execution.jobName());
        details.put("batchStatus", execution.batchStatus());
        details.put("exitStatus", execution.exitStatus());
        details.put(
                "exitMessage",
                exitMessages.ofExecutions(List.of(execution.executionId())).get(execution.executionId()));
        details.put("endTime", String.valueOf(execution.endTime()));
        return events.record(
                kind,
                execution.jobName(),
                "job-execution:" + execution.executionId() + ":" + execution.batchStatus(),
                details);
    }
}
