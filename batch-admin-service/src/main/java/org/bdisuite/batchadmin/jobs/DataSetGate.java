package org.bdisuite.batchadmin.jobs;

import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.util.Optional;
import org.bdisuite.batchadmin.persistence.ExitMessageStore;
import org.bdisuite.batchadmin.service.DataSetStates;
import org.bdisuite.batchadmin.service.PipelineJobs;
import org.jboss.logging.Logger;

/**
 * What a transporter or importer step checks before it takes a data set (docs/ARCHITECTURE.md, "Data set states and
 * failure causes"). A new run does not take a FAILED set, nor a later set of the module while an earlier one is
 * FAILED: it ends with the exit status {@code BLOCKED_BY_DATA_SET_<id>} and an exit message naming the set and its
 * cause. A restart of the instance that already works on a set is the operator's explicit decision and goes on,
 * unless the set was skipped meanwhile.
 */
@Dependent
public class DataSetGate {

    private static final Logger LOG = Logger.getLogger(DataSetGate.class);

    @Inject
    JobContext job;

    @Inject
    StepContext step;

    @Inject
    DataSetStates states;

    @Inject
    ExitMessageStore exitMessages;

    /**
     * The exit status when this new run may not take {@code candidate} (it was skipped, or a FAILED set blocks it);
     * empty when it may.
     */
    Optional<String> blocked(DataSetStates.Kind kind, String module, long candidate) {
        Optional<String> skipped = skippedOnRestart(kind, candidate);
        if (skipped.isPresent()) {
            return skipped;
        }
        return states.blocking(kind, module, candidate).map(blocker -> {
            String message = DataSetStates.blockedMessage(blocker);
            LOG.warnf("%s (execution %d) did not run: %s", job.getJobName(), job.getExecutionId(), message);
            return end(PipelineJobs.BLOCKED_EXIT_PREFIX + blocker.dataSetId(), message);
        });
    }

    /** The exit status when the set was skipped (a restarted instance leaves it alone); empty when it goes on. */
    Optional<String> skippedOnRestart(DataSetStates.Kind kind, long dataSetId) {
        if (!states.skipped(kind, dataSetId)) {
            return Optional.empty();
        }
        return Optional.of(end(
                "DATA_SET_" + dataSetId + "_SKIPPED",
                "Data set " + dataSetId + " was skipped by an administrator; this run left it alone"));
    }

    private String end(String exitStatus, String message) {
        exitMessages.record(job.getExecutionId(), step.getStepExecutionId(), message);
        job.setExitStatus(exitStatus);
        return exitStatus;
    }
}
