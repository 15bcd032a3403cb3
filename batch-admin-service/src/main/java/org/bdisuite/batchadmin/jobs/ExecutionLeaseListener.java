package org.bdisuite.batchadmin.jobs;

import jakarta.batch.api.listener.JobListener;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.bdisuite.batchadmin.service.ExecutionLeases;

/**
 * Registered for every job (quarkus.jberet.job.job-listeners): the replica that runs an execution holds its
 * lease from the job's start to its end, on the thread that runs it, for starts and restarts alike.
 */
@Named("executionLeaseListener")
@Dependent
public class ExecutionLeaseListener implements JobListener {

    @Inject
    JobContext jobContext;

    @Inject
    ExecutionLeases leases;

    @Override
    public void beforeJob() {
        leases.acquire(jobContext.getExecutionId());
    }

    @Override
    public void afterJob() {
        leases.release(jobContext.getExecutionId());
    }
}
