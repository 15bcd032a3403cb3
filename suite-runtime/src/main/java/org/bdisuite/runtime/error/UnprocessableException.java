package org.bdisuite.runtime.error;

/** HTTP 422: the request is well-formed but rejected (a 100,001-row export, a checksum mismatch). */
public class UnprocessableException extends SuiteException {

    public UnprocessableException(String message) {
        super(422, null, message, null);
    }

    public UnprocessableException(String code, String message) {
        super(422, code, message, null);
    }
}
