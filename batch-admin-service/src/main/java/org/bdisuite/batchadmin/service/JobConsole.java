package org.bdisuite.batchadmin.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.bdisuite.batchadmin.api.ExecutionFilter;
import org.bdisuite.batchadmin.api.JobExecutionVo;
import org.bdisuite.batchadmin.api.JobExecutionsVo;
import org.bdisuite.batchadmin.api.JobsVo;
import org.bdisuite.batchadmin.api.Page;

/**
 * What the console's batch pages read, in the terms of a page (plain values in, the API's records out), so that
 * the console layer never builds a persistence filter itself. The reads are {@link BatchViews}'s, the same the
 * REST API answers with.
 */
@ApplicationScoped
public class JobConsole {

    /** Links inside the records are not shown by the console; they only need some base. */
    private static final URI BASE = URI.create("/");

    private static final List<String> RUNNING = List.of("STARTING", "STARTED", "STOPPING");
    private static final List<String> FAILED = List.of("FAILED");

    private final BatchViews views;
    private final JobCatalog catalog;
    private final ExecutionProgress progress;

    public JobConsole(BatchViews views, JobCatalog catalog, ExecutionProgress progress) {
        this.views = views;
        this.catalog = catalog;
        this.progress = progress;
    }

    /** An execution with its rows done of total; {@code progress} null when it reports none. */
    public record ExecutionWithProgress(JobExecutionVo execution, ExecutionProgress.Progress progress) {}

    /** A job with its most recent execution (null when it never ran) and the parameters it reads. */
    public record JobSummary(String jobName, JobExecutionVo lastExecution, List<String> parameterNames) {}

    public List<JobSummary> jobs() {
        JobsVo jobs = views.jobs(BASE);
        return jobs.jobVo().stream()
                .map(job -> new JobSummary(
                        job.jobName(),
                        latest(new ExecutionFilter(job.jobName(), null, null, null, null), 1).stream()
                                .findFirst()
                                .orElse(null),
                        catalog.parameterNames(job.jobName()).stream().sorted().toList()))
                .toList();
    }

    /** One page of executions, newest first; {@code after} asks for the page after that execution id (keyset). */
    public JobExecutionsVo executions(
            String jobName, List<String> statuses, OffsetDateTime from, OffsetDateTime to, Long after, int size) {
        return views.executions(
                new ExecutionFilter(blankToNull(jobName), null, statuses, from, to), new Page(0, size, after), BASE);
    }

    public JobExecutionVo execution(long executionId) {
        return views.execution(executionId, BASE);
    }

    /** One execution with its steps and its rows done of total. */
    public ExecutionWithProgress executionWithProgress(long executionId) {
        JobExecutionVo execution = execution(executionId);
        return new ExecutionWithProgress(
                execution, progress.of(List.of(execution)).get(executionId));
    }

    /** The running executions (with their steps, for a chunk step's counts) and their rows done of total. */
    public List<ExecutionWithProgress> running() {
        List<JobExecutionVo> running = latest(new ExecutionFilter(null, null, RUNNING, null, null), 20).stream()
                .map(execution -> views.execution(execution.executionId(), BASE))
                .toList();
        Map<Long, ExecutionProgress.Progress> rows = progress.of(running);
        return running.stream()
                .map(execution -> new ExecutionWithProgress(execution, rows.get(execution.executionId())))
                .toList();
    }

    public List<JobExecutionVo> recentFailures(int count) {
        return latest(new ExecutionFilter(null, null, FAILED, null, null), count).stream()
                .map(failed -> views.execution(failed.executionId(), BASE))
                .toList();
    }

    private List<JobExecutionVo> latest(ExecutionFilter filter, int count) {
        return views.executions(filter, new Page(0, count), BASE).jobExecutionVo();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
