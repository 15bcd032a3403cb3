package org.bdisuite.batchadmin.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.bdisuite.batchadmin.api.ExecutionFilter;
import org.bdisuite.batchadmin.api.JobDataSetVo;
import org.bdisuite.batchadmin.api.JobExecutionVo;
import org.bdisuite.batchadmin.api.JobExecutionsVo;
import org.bdisuite.batchadmin.api.JobsVo;
import org.bdisuite.batchadmin.api.Page;
import org.bdisuite.runtime.error.ResourceNotFoundException;

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
    private final DataSets dataSets;

    public JobConsole(BatchViews views, JobCatalog catalog, DataSets dataSets) {
        this.views = views;
        this.catalog = catalog;
        this.dataSets = dataSets;
    }

    /** A recent execution with the data set (interface module, data control) its job instance worked on. */
    /**
     * A data set with the execution that worked on it.
     *
     * @param state the data set's own state as the Data Service reports it, shown in its own column; null while the
     *     Data Service reports none (the states and their retry / skip actions come with the operability work)
     */
    public record ExecutionDataSet(JobExecutionVo execution, JobDataSetVo dataSet, String state) {}

    /** The data sets of the most recent executions, newest first; executions of jobs without one are left out. */
    public List<ExecutionDataSet> recentDataSets(int count) {
        return latest(new ExecutionFilter(null, null, null, null, null), count).stream()
                .map(execution -> dataSetOf(execution)
                        .map(dataSet -> new ExecutionDataSet(execution, dataSet, null))
                        .orElse(null))
                .filter(java.util.Objects::nonNull)
                .toList();
    }

    private Optional<JobDataSetVo> dataSetOf(JobExecutionVo execution) {
        try {
            return Optional.of(dataSets.forInstance(execution.jobName(), execution.jobInstanceId()));
        } catch (ResourceNotFoundException none) {
            return Optional.empty();
        }
    }

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

    public List<JobExecutionVo> running() {
        return latest(new ExecutionFilter(null, null, RUNNING, null, null), 20);
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
