package org.bdisuite.runtime.error;

/**
 * HTTP 403 for a caller whose roles allow the operation but not on this resource (a sender touching another
 * sender's receiver transaction). A missing role stays Quarkus's {@code ForbiddenException}.
 */
public class NotPermittedException extends SuiteException {

    public NotPermittedException(String code, String message) {
        super(403, code, message, null);
    }
}
