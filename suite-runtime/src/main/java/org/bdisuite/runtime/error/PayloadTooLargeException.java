package org.bdisuite.runtime.error;

/** HTTP 413: the request is larger than the configured limit. */
public class PayloadTooLargeException extends SuiteException {

    public PayloadTooLargeException(String message) {
        super(413, null, message, null);
    }

    public PayloadTooLargeException(String code, String message) {
        super(413, code, message, null);
    }
}
