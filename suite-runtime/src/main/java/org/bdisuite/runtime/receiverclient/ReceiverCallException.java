package org.bdisuite.runtime.receiverclient;

import java.util.Optional;

/**
 * A receiver call that did not succeed: the receiver's status and error message, or the I/O failure after the last
 * attempt (status 0).
 */
public class ReceiverCallException extends RuntimeException {

    private final String call;
    private final int status;
    private final String code;

    ReceiverCallException(String call, int status, String code, String message, Throwable cause) {
        super(call + " failed" + (status > 0 ? " with " + status : "") + ": " + message, cause);
        this.call = call;
        this.status = status;
        this.code = code;
    }

    /** The protocol call, for example {@code uploadDataBlock}. */
    public String call() {
        return call;
    }

    /** The HTTP status, or 0 when no response arrived. */
    public int status() {
        return status;
    }

    /** The receiver's stable error code (such as {@code block-differs}), when it sent one. */
    public Optional<String> code() {
        return Optional.ofNullable(code);
    }
}
