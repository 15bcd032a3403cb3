package org.bdisuite.runtime.error;

import java.util.List;
import org.bdisuite.model.api.ErrorBody;

/**
 * A failure the client caused or can act on, with the HTTP status it maps to. Services throw the subclasses;
 * {@link ErrorMapping} turns them into the error body.
 */
public abstract class SuiteException extends RuntimeException {

    private final int status;
    private final String code;
    private final List<ErrorBody.Violation> violations;

    protected SuiteException(int status, String code, String message, List<ErrorBody.Violation> violations) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.violations = violations == null || violations.isEmpty() ? null : List.copyOf(violations);
    }

    public int status() {
        return status;
    }

    /** A stable, machine-readable code, or null. */
    public String code() {
        return code;
    }

    /** Headers the status needs (Content-Range of a 416); none by default. */
    public java.util.Map<String, String> headers() {
        return java.util.Map.of();
    }

    /** The individual violations, or null when there is only the message. */
    public List<ErrorBody.Violation> violations() {
        return violations;
    }
}
