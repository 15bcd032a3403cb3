package org.bdisuite.batchadmin.jobs;

import jakarta.batch.api.listener.StepListener;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.bdisuite.batchadmin.persistence.ExitMessageStore;
import org.bdisuite.batchadmin.service.DataSetStates;
import org.bdisuite.runtime.error.FailureMessages;
import org.jboss.logging.Logger;

/**
 * Registered for every step of every job (quarkus.jberet.job.step-listeners): when a step fails, records its cause
 * in words as the step's exit message (JBeret keeps only the exit status, and a stack trace), and marks the data set
 * a pipeline job's instance works on FAILED with that cause. It runs on the thread that ran the step, right after
 * it, so the failure in hand is the real one.
 */
@Named("failureCauseListener")
@Dependent
public class FailureCauseListener implements StepListener {

    private static final Logger LOG = Logger.getLogger(FailureCauseListener.class);

    @Inject
    JobContext job;

    @Inject
    StepContext step;

    @Inject
    ExitMessageStore exitMessages;

    @Inject
    DataSetStates dataSets;

    @Override
    public void beforeStep() {
        // nothing before
    }

    @Override
    public void afterStep() {
        Exception failure = step.getException();
        if (failure == null && step.getBatchStatus() != BatchStatus.FAILED) {
            return;
        }
        String cause = failure != null
                ? FailureMessages.of(failure)
                : "The step " + step.getStepName() + " ended " + step.getExitStatus();
        try {
            exitMessages.record(job.getExecutionId(), step.getStepExecutionId(), cause);
            dataSets.failed(job.getJobName(), job.getInstanceId(), job.getExecutionId(), cause);
        } catch (RuntimeException e) {
            // The step's own failure stands; not recording its cause must not replace it.
            LOG.errorf(
                    e,
                    "Recording the failure of step %s of execution %d failed",
                    step.getStepName(),
                    job.getExecutionId());
        }
    }
}
