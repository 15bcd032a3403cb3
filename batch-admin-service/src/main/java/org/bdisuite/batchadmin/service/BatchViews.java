package org.bdisuite.batchadmin.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.bdisuite.batchadmin.api.ExecutionDataSetVo;
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
import org.bdisuite.batchadmin.persistence.ExitMessageStore;
import org.bdisuite.batchadmin.persistence.HandOverStore;
import org.bdisuite.batchadmin.persistence.InstanceRow;
import org.bdisuite.batchadmin.persistence.JobDataSetRepository;
import org.bdisuite.batchadmin.persistence.JobDataSetRepository.DataSetClaim;
import org.bdisuite.batchadmin.persistence.JobRepositoryQueries;
import org.bdisuite.batchadmin.persistence.StepRow;
import org.bdisuite.runtime.error.ResourceNotFoundException;

/**
 * The Batch Service's read side: jobs, instances, executions and steps as the spec's value objects, each execution
 * and step with its exit message (why it ended so, in words) and, for a pipeline job, the data set it works on.
 */
@ApplicationScoped
public class BatchViews {

    private final JobRepositoryQueries queries;
    private final JobCatalog catalog;
    private final ExitMessageStore exitMessages;
    private final JobDataSetRepository claims;
    private final HandOverStore handOver;

    public BatchViews(
            JobRepositoryQueries queries,
            JobCatalog catalog,
            ExitMessageStore exitMessages,
            JobDataSetRepository claims,
            HandOverStore handOver) {
        this.queries = queries;
        this.catalog = catalog;
        this.exitMessages = exitMessages;
        this.claims = claims;
        this.handOver = handOver;
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
                toVos(rows.stream().limit(page.size()).toList(), base));
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
                toVos(rows.stream().limit(page.size()).toList(), base).stream()
                        .map(JobInstanceExecutionVo::of)
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
        Map<Long, String> messages = exitMessages.ofSteps(executionId);
        return queries.step(executionId, stepExecutionId)
                .map(row -> toVo(row, messages.get(row.stepExecutionId())))
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
        Map<Long, String> messages = exitMessages.ofSteps(executionId);
        return queries.steps(executionId).stream()
                .map(row -> toVo(row, messages.get(row.stepExecutionId())))
                .toList();
    }

    JobExecutionVo toVo(ExecutionRow row, URI base) {
        return toVos(List.of(row), base).get(0);
    }

    /** The executions with their exit messages and data sets, read for the whole page at once. */
    private List<JobExecutionVo> toVos(List<ExecutionRow> rows, URI base) {
        Map<Long, String> messages = exitMessages.ofExecutions(
                rows.stream().map(ExecutionRow::executionId).toList());
        Map<Long, DataSetClaim> dataSets = claims.forInstances(
                rows.stream().map(ExecutionRow::jobInstanceId).distinct().toList());
        Map<Long, String> receivedIn = handOver.transactionIds(dataSets.values().stream()
                .filter(claim -> claim.kind().equals(DataSetStates.Kind.UPLOADER.name()))
                .map(DataSetClaim::dataControlId)
                .toList());
        return rows.stream()
                .map(row -> toVo(row, base, messages.get(row.executionId()), dataSet(row, dataSets, receivedIn)))
                .toList();
    }

    private static ExecutionDataSetVo dataSet(
            ExecutionRow row, Map<Long, DataSetClaim> dataSets, Map<Long, String> receivedIn) {
        DataSetClaim claim = dataSets.get(row.jobInstanceId());
        if (claim == null) {
            return null;
        }
        String transaction = claim.kind().equals(DataSetStates.Kind.UPLOADER.name())
                ? receivedIn.get(claim.dataControlId())
                : PipelineJobs.parse(row.jobName())
                        .filter(job -> job.kind() == PipelineJobs.Kind.TRANSPORTER)
                        .map(job -> PipelineJobs.transporterTransactionId(row.jobInstanceId()))
                        .orElse(null);
        return new ExecutionDataSetVo(claim.kind(), claim.dataControlId(), claim.interfaceModule(), transaction);
    }

    private JobExecutionVo toVo(ExecutionRow row, URI base, String exitMessage, ExecutionDataSetVo dataSet) {
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
                exitMessage,
                dataSet,
                row.traceId(),
                null);
    }

    private static StepExecutionVo toVo(StepRow row, String exitMessage) {
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
                row.writeSkipCount(),
                exitMessage);
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
