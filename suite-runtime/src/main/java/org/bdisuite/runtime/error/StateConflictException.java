package org.bdisuite.runtime.error;

/** HTTP 409: the request is not allowed in the resource's current state (restart a running execution, upload to an ended transmission). */
public class StateConflictException extends SuiteException {

    public StateConflictException(String message) {
        super(409, null, message, null);
    }

    public StateConflictException(String code, String message) {
        super(409, code, message, null);
    }
}
