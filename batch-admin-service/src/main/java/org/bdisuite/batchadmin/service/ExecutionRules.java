package org.bdisuite.batchadmin.service;

import java.util.List;
import java.util.Set;
import org.bdisuite.batchadmin.error.BatchRule;
import org.bdisuite.batchadmin.persistence.ExecutionRow;

/**
 * The JSR-352 rules for what may happen to an execution next, in one place: the flags every view shows and
 * the checks start / stop / restart / abandon make are the same code.
 */
public final class ExecutionRules {

    /** The statuses JSR-352 calls running: a stop applies to these only. */
    public static final List<String> RUNNING = List.of("STARTING", "STARTED");

    private static final Set<String> RESTARTABLE = Set.of("STOPPED", "FAILED");
    private static final Set<String> ENDED = Set.of("STOPPED", "FAILED", "COMPLETED");

    private ExecutionRules() {}

    public static boolean restartable(ExecutionRow execution) {
        return RESTARTABLE.contains(execution.batchStatus()) && execution.mostRecentOfInstance();
    }

    public static boolean stoppable(ExecutionRow execution) {
        return RUNNING.contains(execution.batchStatus());
    }

    public static boolean abandonable(ExecutionRow execution) {
        return ENDED.contains(execution.batchStatus());
    }

    /** A 409 naming the rule when the execution may not be restarted; nothing when it may. */
    public static void checkRestart(ExecutionRow execution, Long mostRecentExecutionId) {
        long id = execution.executionId();
        String status = execution.batchStatus();
        if ("ABANDONED".equals(status)) {
            throw BatchRule.RESTART_ABANDONED.refuse(
                    "Job execution " + id + " is ABANDONED; an abandoned execution is never restarted");
        }
        if (!RESTARTABLE.contains(status)) {
            throw BatchRule.RESTART_NOT_STOPPED_OR_FAILED.refuse(
                    "Job execution " + id + " is " + status + "; only a STOPPED or FAILED execution can be restarted");
        }
        if (!execution.mostRecentOfInstance()) {
            throw BatchRule.RESTART_NOT_MOST_RECENT.refuse("Job execution " + id
                    + " is not the most recent execution of job instance "
                    + execution.jobInstanceId()
                    + (mostRecentExecutionId == null ? "" : " (that is execution " + mostRecentExecutionId + ")")
                    + "; only the most recent execution of an instance can be restarted");
        }
    }

    public static void checkStop(ExecutionRow execution) {
        if (!stoppable(execution)) {
            throw BatchRule.STOP_NOT_RUNNING.refuse("Job execution " + execution.executionId() + " is "
                    + execution.batchStatus() + "; only a STARTING or STARTED execution can be stopped");
        }
    }

    public static void checkAbandon(ExecutionRow execution) {
        if ("ABANDONED".equals(execution.batchStatus())) {
            throw BatchRule.ABANDON_ABANDONED.refuse(
                    "Job execution " + execution.executionId() + " is ABANDONED already");
        }
        if (!abandonable(execution)) {
            throw BatchRule.ABANDON_RUNNING.refuse(
                    "Job execution " + execution.executionId() + " is " + execution.batchStatus()
                            + "; only an ended (STOPPED, FAILED or COMPLETED) execution can be abandoned");
        }
    }
}
