package org.bdisuite.batchadmin.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.bdisuite.batchadmin.api.ExecutionFilter;
import org.bdisuite.batchadmin.api.JobExecutionVo;
import org.bdisuite.batchadmin.api.JobExecutionsVo;
import org.bdisuite.batchadmin.api.JobInstanceExecutionVo;
import org.bdisuite.batchadmin.api.JobInstanceExecutionsVo;
import org.bdisuite.batchadmin.api.JobInstanceVo;
import org.bdisuite.batchadmin.api.JobInstancesVo;
import org.bdisuite.batchadmin.api.JobXmlFilesVo;
import org.bdisuite.batchadmin.api.JobsVo;
import org.bdisuite.batchadmin.api.Page;
import org.bdisuite.batchadmin.api.StepExecutionVo;
import org.bdisuite.batchadmin.api.StepExecutionsVo;
import org.bdisuite.batchadmin.persistence.ExecutionRow;
import org.bdisuite.batchadmin.persistence.InstanceRow;
import org.bdisuite.batchadmin.persistence.JobRepositoryQueries;
import org.bdisuite.batchadmin.persistence.StepRow;
import org.bdisuite.runtime.error.ResourceNotFoundException;

/** The Batch Service's read side: jobs, instances, executions and steps as the spec's value objects. */
@ApplicationScoped
public class BatchViews {

    private final JobRepositoryQueries queries;
    private final JobCatalog catalog;

    public BatchViews(JobRepositoryQueries queries, JobCatalog catalog) {
        this.queries = queries;
        this.catalog = catalog;
    }

    public JobsVo jobs(URI base) {
        return new JobsVo(catalog.all().stream()
                .map(job ->
                        new JobsVo.JobVo(job.getId(), JobCatalog.xmlFile(job), link(base, "batch/jobs/" + job.getId())))
                .toList());
    }

    public JobXmlFilesVo jobXmlFiles() {
        return new JobXmlFilesVo(catalog.all().stream()
                .map(job -> new JobXmlFilesVo.JobXmlFileVo(JobCatalog.xmlFile(job), job.getId()))
                .toList());
    }

    public JobInstancesVo instances(String jobName, ExecutionFilter filter, Page page, URI base) {
        requireJob(jobName);
        List<InstanceRow> rows = queries.instances(jobName, filter, page);
        List<JobInstanceVo> instances = rows.stream()
                .limit(page.size())
                .map(row -> new JobInstanceVo(
                        row.jobInstanceId(),
                        row.jobName(),
                        row.latestExecutionId(),
                        row.latestStatus(),
                        link(base, "batch/jobs/" + row.jobName() + "/" + row.jobInstanceId() + "/executions")))
                .toList();
        return new JobInstancesVo(jobName, page.page(), page.size(), rows.size() > page.size(), instances);
    }

    public JobExecutionsVo executions(ExecutionFilter filter, Page page, URI base) {
        if (filter.jobName() != null) {
            requireJob(filter.jobName());
        }
        List<ExecutionRow> rows = queries.executions(filter, page);
        boolean hasMore = rows.size() > page.size();
        Long nextAfter = hasMore ? rows.get(page.size() - 1).executionId() : null;
        return new JobExecutionsVo(
                page.page(),
                page.size(),
                hasMore,
                nextAfter,
                rows.stream().limit(page.size()).map(row -> toVo(row, base)).toList());
    }

    /** The executions of one instance of a job (the spec's jobInstanceExecutionsVo), newest first. */
    public JobInstanceExecutionsVo instanceExecutions(
            String jobName, long instanceId, ExecutionFilter filter, Page page, URI base) {
        InstanceRow instance = queries.instance(instanceId)
                .filter(row -> row.jobName().equals(jobName))
                .orElseThrow(() -> new ResourceNotFoundException(
                        "no-job-instance", "No job instance " + instanceId + " of job " + jobName));
        List<ExecutionRow> rows = queries.executions(filter.forInstance(instance.jobInstanceId()), page);
        boolean hasMore = rows.size() > page.size();
        return new JobInstanceExecutionsVo(
                jobName,
                instanceId,
                link(base, "batch/jobs/" + jobName + "/" + instanceId + "/executions"),
                page.page(),
                page.size(),
                hasMore,
                hasMore ? rows.get(page.size() - 1).executionId() : null,
                rows.stream()
                        .limit(page.size())
                        .map(row -> JobInstanceExecutionVo.of(toVo(row, base)))
                        .toList());
    }

    /** The spec's "Check Status of a Job": the instance of an execution of this job, with that execution. */
    public JobInstanceExecutionsVo statusOf(String jobName, long executionId, URI base) {
        ExecutionRow row = queries.execution(executionId)
                .filter(execution -> execution.jobName().equals(jobName))
                .orElseThrow(() -> new ResourceNotFoundException(
                        "no-job-execution", "No job execution " + executionId + " of job " + jobName));
        return new JobInstanceExecutionsVo(
                jobName,
                row.jobInstanceId(),
                link(base, "batch/jobs/" + jobName + "/" + executionId),
                null,
                null,
                null,
                null,
                List.of(JobInstanceExecutionVo.of(toVo(row, base))));
    }

    public JobExecutionVo execution(long executionId, URI base) {
        ExecutionRow row = requireExecution(executionId);
        return toVo(row, base).withSteps(steps(executionId));
    }

    public StepExecutionsVo stepsOf(long executionId) {
        requireExecution(executionId);
        return new StepExecutionsVo(executionId, steps(executionId));
    }

    public StepExecutionVo step(long executionId, long stepExecutionId) {
        requireExecution(executionId);
        return queries.step(executionId, stepExecutionId)
                .map(BatchViews::toVo)
                .orElseThrow(() -> new ResourceNotFoundException(
                        "no-step-execution",
                        "No step execution " + stepExecutionId + " in job execution " + executionId));
    }

    ExecutionRow requireExecution(long executionId) {
        return queries.execution(executionId)
                .orElseThrow(
                        () -> new ResourceNotFoundException("no-job-execution", "No job execution " + executionId));
    }

    /** A job is known when the service defines it or the repository holds instances of it (a job since removed). */
    void requireJob(String jobName) {
        if (catalog.find(jobName).isEmpty() && !queries.jobHasInstances(jobName)) {
            throw new ResourceNotFoundException("no-job", "No job " + jobName);
        }
    }

    private List<StepExecutionVo> steps(long executionId) {
        return queries.steps(executionId).stream().map(BatchViews::toVo).toList();
    }

    JobExecutionVo toVo(ExecutionRow row, URI base) {
        boolean jobRestartable = catalog.find(row.jobName())
                .map(job -> job.getRestartableBoolean())
                .orElse(true);
        return new JobExecutionVo(
                row.executionId(),
                row.jobName(),
                row.jobInstanceId(),
                row.batchStatus(),
                row.exitStatus(),
                row.createTime(),
                row.startTime(),
                row.endTime(),
                row.lastUpdatedTime(),
                duration(row.startTime(), row.endTime()),
                JobParameters.fromStored(row.jobParameters()),
                jobRestartable && ExecutionRules.restartable(row),
                ExecutionRules.stoppable(row),
                ExecutionRules.abandonable(row),
                link(base, "batch/jobs/executions/" + row.executionId()),
                row.traceId(),
                null);
    }

    private static StepExecutionVo toVo(StepRow row) {
        return new StepExecutionVo(
                row.stepExecutionId(),
                row.jobExecutionId(),
                row.stepName(),
                row.batchStatus(),
                row.exitStatus(),
                row.startTime(),
                row.endTime(),
                duration(row.startTime(), row.endTime()),
                row.readCount(),
                row.writeCount(),
                row.commitCount(),
                row.rollbackCount(),
                row.readSkipCount(),
                row.processSkipCount(),
                row.filterCount(),
                row.writeSkipCount());
    }

    private static Long duration(OffsetDateTime start, OffsetDateTime end) {
        if (start == null) {
            return null;
        }
        return Duration.between(start, end == null ? OffsetDateTime.now() : end).toMillis();
    }

    private static String link(URI base, String path) {
        return base == null ? null : base.resolve(path).toString();
    }
}
