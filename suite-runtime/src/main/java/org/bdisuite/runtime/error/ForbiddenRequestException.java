package org.bdisuite.runtime.error;

/**
 * HTTP 403 for a reason other than the caller's roles (those are Quarkus's ForbiddenException): for example a
 * state-changing request that a browser sent from another site.
 */
public class ForbiddenRequestException extends SuiteException {

    public ForbiddenRequestException(String code, String message) {
        super(403, code, message, null);
    }
}
