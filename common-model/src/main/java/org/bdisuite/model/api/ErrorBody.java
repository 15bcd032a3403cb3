package org.bdisuite.model.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRootName;
import java.util.List;

/**
 * The error body of every 4xx / 5xx of every service: the BDI spec's {@code exceptionVo}, plus an optional
 * list of violations and a stable error code. Never carries a stack trace or a Java class name.
 *
 * @param statusCode the HTTP status code, for example 404
 * @param status     the status name, for example NOT_FOUND
 * @param message    what went wrong, for a person
 * @param code       a stable machine-readable code, when the failure has one
 * @param errors     the individual violations of a rejected request, when there are several
 */
@JsonRootName("exceptionVo")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorBody(int statusCode, String status, String message, String code, List<Violation> errors) {

    public ErrorBody(int statusCode, String status, String message) {
        this(statusCode, status, message, null, null);
    }

    /**
     * One rejected input.
     *
     * @param field   where the bad value is (a parameter, a body property path)
     * @param message why it was rejected
     */
    public record Violation(String field, String message) {}
}
