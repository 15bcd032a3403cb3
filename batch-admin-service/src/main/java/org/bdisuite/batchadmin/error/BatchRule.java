package org.bdisuite.batchadmin.error;

import org.bdisuite.runtime.error.StateConflictException;
import org.bdisuite.runtime.error.SuiteException;
import org.bdisuite.runtime.error.UnprocessableException;

/**
 * Every rule by which batch-admin refuses a well-formed request, with its status and the stable {@code code} of the
 * error body. A call site names the rule ({@code throw BatchRule.RESTART_RUNNING.refuse("...")}); the code is
 * written here once.
 */
public enum BatchRule {
    RESTART_ABANDONED(409, "restart-abandoned"),
    RESTART_NOT_STOPPED_OR_FAILED(409, "restart-not-stopped-or-failed"),
    RESTART_NOT_MOST_RECENT(409, "restart-not-most-recent"),
    RESTART_JOB_NOT_RESTARTABLE(409, "restart-job-not-restartable"),
    RESTART_RUNNING(409, "restart-running"),
    RESTART_REFUSED(409, "restart-refused"),
    STOP_NOT_RUNNING(409, "stop-not-running"),
    ABANDON_ABANDONED(409, "abandon-abandoned"),
    ABANDON_RUNNING(409, "abandon-running"),
    DATA_SET_NOT_FAILED(409, "data-set-not-failed"),
    DATA_SET_SKIPPED(409, "data-set-skipped"),
    USER_EXISTS(409, "user-exists"),
    LAST_ADMIN(409, "last-admin");

    private final int status;
    private final String code;

    BatchRule(int status, String code) {
        this.status = status;
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** The exception that answers with this rule's status and code and the given message. */
    public SuiteException refuse(String message) {
        return switch (status) {
            case 409 -> new StateConflictException(code, message);
            case 422 -> new UnprocessableException(code, message);
            default -> throw new IllegalStateException("No exception for status " + status);
        };
    }
}
