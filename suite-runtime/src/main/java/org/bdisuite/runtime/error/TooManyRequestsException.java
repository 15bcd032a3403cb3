package org.bdisuite.runtime.error;

import java.util.Map;

/** HTTP 429 with Retry-After: the client must wait this many seconds before it tries again. */
public class TooManyRequestsException extends SuiteException {

    private final long retryAfterSeconds;

    public TooManyRequestsException(String code, String message, long retryAfterSeconds) {
        super(429, code, message, null);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("Retry-After", Long.toString(retryAfterSeconds));
    }
}
