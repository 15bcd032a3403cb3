package org.bdisuite.batchadmin.jobs;

import jakarta.batch.api.listener.JobListener;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Registered for every job (quarkus.jberet.job.job-listeners): the execution's span ({@link JobTraces}) covers the
 * job from start to end, for starts and restarts alike.
 */
@Named("jobTraceListener")
@Dependent
public class JobTraceListener implements JobListener {

    @Inject
    JobContext jobContext;

    @Inject
    JobTraces traces;

    @Override
    public void beforeJob() {
        traces.started(jobContext.getExecutionId());
    }

    @Override
    public void afterJob() {
        BatchStatus status = jobContext.getBatchStatus();
        traces.ended(
                jobContext.getExecutionId(),
                jobContext.getJobName(),
                status == null ? "UNKNOWN" : status.name(),
                jobContext.getExitStatus());
    }
}
