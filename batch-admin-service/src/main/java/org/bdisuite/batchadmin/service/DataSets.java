package org.bdisuite.batchadmin.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.bdisuite.batchadmin.api.JobDataSetVo;
import org.bdisuite.batchadmin.persistence.ExecutionRow;
import org.bdisuite.batchadmin.persistence.HandOverStore;
import org.bdisuite.batchadmin.persistence.JobDataSetRepository;
import org.bdisuite.batchadmin.persistence.JobDataSetRepository.JobDataSet;
import org.bdisuite.batchadmin.persistence.JobRepositoryQueries;
import org.bdisuite.batchadmin.persistence.OutboundDataSetRepository;
import org.bdisuite.runtime.error.InvalidRequestException;
import org.bdisuite.runtime.error.ResourceNotFoundException;

/** Data Service: which data set a job execution or instance worked on, and which one a job takes next. */
@ApplicationScoped
public class DataSets {

    private final JobDataSetRepository dataSets;
    private final OutboundDataSetRepository outbound;
    private final HandOverStore received;
    private final JobRepositoryQueries jobs;

    public DataSets(
            JobDataSetRepository dataSets,
            OutboundDataSetRepository outbound,
            HandOverStore received,
            JobRepositoryQueries jobs) {
        this.dataSets = dataSets;
        this.outbound = outbound;
        this.received = received;
        this.jobs = jobs;
    }

    public JobDataSetVo forExecution(String jobName, long executionId) {
        ExecutionRow execution = jobs.execution(executionId)
                .filter(row -> row.jobName().equals(jobName))
                .orElseThrow(() -> new ResourceNotFoundException(
                        "no-job-execution", "No job execution " + executionId + " of job " + jobName));
        return forInstance(jobName, execution.jobInstanceId());
    }

    public JobDataSetVo forInstance(String jobName, long instanceId) {
        JobDataSet dataSet = dataSets.forInstance(jobName, instanceId)
                .orElseThrow(() -> new ResourceNotFoundException(
                        "no-data-set", "No data set for job instance " + instanceId + " of job " + jobName));
        return new JobDataSetVo(
                dataSet.interfaceModule(),
                dataSet.dataControlId(),
                jobName,
                new JobDataSetVo.JobDataSetInstance(
                        instanceId,
                        jobs.executionIds(instanceId).stream()
                                .map(JobDataSetVo.JobDataSetExecution::new)
                                .toList()));
    }

    /** Only downloader-transporter and importer (uploader) jobs take pending data sets; other jobs are a 400. */
    public JobDataSetVo nextPending(String jobName) {
        PipelineJobs.PipelineJob job = PipelineJobs.parse(jobName)
                .filter(parsed -> parsed.kind() != PipelineJobs.Kind.EXTRACTOR)
                .orElseThrow(() -> InvalidRequestException.forField(
                        "jobName",
                        "nextPending applies only to"
                                + " downloader-transporter and uploader jobs (<Module>_DownloaderAndTransporter...Job,"
                                + " <Module>_ImporterJob), not to " + jobName));
        Optional<Long> pending = job.kind() == PipelineJobs.Kind.IMPORTER
                ? received.nextPending(jobName, job.interfaceModule())
                : outbound.nextPending(jobName, job.interfaceModule());
        long id = pending.orElseThrow(() -> new ResourceNotFoundException(
                "no-pending-data-set",
                "No pending data set of module " + job.interfaceModule() + " for job " + jobName));
        return new JobDataSetVo(job.interfaceModule(), id, null, null);
    }
}
