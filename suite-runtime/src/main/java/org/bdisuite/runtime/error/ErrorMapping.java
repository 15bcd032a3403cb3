package org.bdisuite.runtime.error;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.ext.web.handler.HttpException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.bdisuite.model.api.ErrorBody;
import org.bdisuite.model.api.HttpStatusName;
import org.jboss.logging.Logger;

/**
 * The one mapping from a failure to an HTTP status and the error body, used by the REST layer
 * ({@link RestErrorMappers}) and by the HTTP layer below it ({@link HttpErrorHandler}), so every 4xx / 5xx of
 * every service looks the same. Messages never carry a stack trace or a Java class name.
 */
public final class ErrorMapping {

    private static final Logger LOG = Logger.getLogger(ErrorMapping.class);
    /** The basic-auth challenge sent with every 401. */
    public static final String CHALLENGE = "Basic realm=\"bdi-suite\", charset=\"UTF-8\"";

    private ErrorMapping() {}

    /** The request a failure belongs to, for messages that name it. */
    public record Request(String method, String path) {}

    /** A status, its body, and the headers that must go with it (Allow, WWW-Authenticate). */
    public record MappedError(int status, ErrorBody body, Map<String, String> headers) {}

    public static MappedError map(Throwable failure, Request request) {
        SuiteException wrapped = suiteCause(failure);
        if (wrapped != null) {
            // Thrown where a library catches and wraps it, e.g. a body limit reached while Jackson reads the body.
            return map(wrapped, request);
        }
        if (failure instanceof SuiteException e) {
            return new MappedError(e.status(), body(e.status(), e.getMessage(), e.code(), e.violations()), e.headers());
        }
        if (failure instanceof ConstraintViolationException e) {
            // A response that breaks its own constraints is our bug, not the client's.
            return isAboutReturnValue(e) ? internal(e, request) : validationFailed(e);
        }
        if (failure instanceof JsonProcessingException e) {
            return error(400, describe(e), "malformed-body", null);
        }
        if (failure instanceof AuthenticationFailedException || failure instanceof UnauthorizedException) {
            return unauthorized();
        }
        if (failure instanceof ForbiddenException) {
            return error(403, "The user's roles do not allow " + request.method() + " " + request.path(), null, null);
        }
        if (failure instanceof WebApplicationException e) {
            return webApplication(e, request);
        }
        if (failure instanceof HttpException e) {
            return forStatus(e.getStatusCode(), request);
        }
        if (isMalformedFormBody(failure)) {
            return error(
                    400,
                    "The request body is not a valid form (application/x-www-form-urlencoded or multipart/form-data)",
                    "malformed-body",
                    null);
        }
        return databaseRefusal(failure, request).orElseGet(() -> internal(failure, request));
    }

    /**
     * A form or multipart body that does not parse (a percent-encoding that does not decode, a multipart body cut off
     * or without its boundary) sent to an operation with form parameters or to a console page (whose CSRF filter reads
     * the token field, {@code @WithFormRead}): Quarkus REST's parsers throw a bare IllegalArgumentException or
     * IOException from {@code FormBodyHandler}. The client sent it, so it is a 400, not a 500.
     */
    private static boolean isMalformedFormBody(Throwable failure) {
        if (!(failure instanceof IllegalArgumentException || failure instanceof java.io.IOException)) {
            return false;
        }
        return java.util.Arrays.stream(failure.getStackTrace())
                .anyMatch(frame ->
                        frame.getClassName().equals("org.jboss.resteasy.reactive.server.handlers.FormBodyHandler"));
    }

    /** The SuiteException that {@code failure} wraps (not itself), or null. */
    private static SuiteException suiteCause(Throwable failure) {
        Throwable cause = failure.getCause();
        for (int depth = 0; cause != null && cause != failure && depth < 10; depth++) {
            if (cause instanceof SuiteException suite) {
                return suite;
            }
            cause = cause.getCause();
        }
        return null;
    }

    /** The error for a bare status that the HTTP layer produced without an exception. */
    public static MappedError forStatus(int status, Request request) {
        return switch (status) {
            case 401 -> unauthorized();
            case 404 -> notFound(request);
            case 413 -> error(413, "The request body is larger than this endpoint accepts", null, null);
            default -> error(status, defaultMessage(status), null, null);
        };
    }

    private static MappedError webApplication(WebApplicationException e, Request request) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof SuiteException parameter) {
            // A parameter that ParameterConverters rejected, wrapped by the REST layer.
            return map(parameter, request);
        }
        if (status == 400 && e.getCause() instanceof JsonProcessingException json) {
            return error(400, describe(json), "malformed-body", null);
        }
        if (e instanceof NotFoundException) {
            return notFound(request);
        }
        if (e instanceof NotAllowedException) {
            String allowed = e.getResponse().getHeaderString("Allow");
            String message = "Method " + request.method() + " is not allowed on " + request.path()
                    + (allowed == null ? "" : "; allowed: " + allowed);
            return new MappedError(
                    405, body(405, message, null, null), allowed == null ? Map.of() : Map.of("Allow", allowed));
        }
        if (e instanceof NotSupportedException) {
            return error(
                    415,
                    "This content type is not supported by " + request.method() + " " + request.path(),
                    null,
                    null);
        }
        if (e instanceof NotAcceptableException) {
            return error(
                    406,
                    "None of the media types in the Accept header can be produced by " + request.path(),
                    null,
                    null);
        }
        if (status >= 500) {
            return internal(e, request);
        }
        return error(status, defaultMessage(status), null, null);
    }

    private static MappedError validationFailed(ConstraintViolationException e) {
        List<ErrorBody.Violation> violations = e.getConstraintViolations().stream()
                .map(v -> new ErrorBody.Violation(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(ErrorBody.Violation::field).thenComparing(ErrorBody.Violation::message))
                .toList();
        String summary =
                violations.stream().map(v -> v.field() + ": " + v.message()).collect(Collectors.joining("; "));
        return error(400, "Invalid request: " + summary, "validation-failed", violations);
    }

    private static boolean isAboutReturnValue(ConstraintViolationException e) {
        return e.getConstraintViolations().stream().anyMatch(v -> {
            for (Path.Node node : v.getPropertyPath()) {
                if (node.getKind() == ElementKind.RETURN_VALUE) {
                    return true;
                }
            }
            return false;
        });
    }

    /** "create.body.name" (method, parameter, property) becomes "body.name"; the Java method name means nothing to a client. */
    private static String fieldOf(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        int firstDot = path.indexOf('.');
        return firstDot < 0 ? path : path.substring(firstDot + 1);
    }

    private static String describe(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "Unknown property '" + unknown.getPropertyName() + "' in the request body";
        }
        if (e instanceof MismatchedInputException
                && e.getOriginalMessage() != null
                && e.getOriginalMessage().startsWith("Trailing token")) {
            // Jackson says so only in its message (StrictJson turns the check on).
            return "The request body must be a single JSON value, with nothing after it" + location(e);
        }
        Optional<String> expected = ExpectedValues.mustBe(targetType(e));
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."))
                    .replace(".[", "[");
            return "Invalid value for '" + field + "' in the request body"
                    + expected.map(what -> ": " + what).orElse("");
        }
        if (e instanceof MismatchedInputException && expected.isPresent()) {
            // Valid JSON of the wrong shape, for example an array where an object belongs.
            return "The request body "
                    + expected.get()
                            .replace("must be an object", "must be a JSON object")
                            .replace("must be an array", "must be a JSON array");
        }
        if (e instanceof InputCoercionException) {
            return "A number in the request body is out of range" + location(e);
        }
        return "The request body is not valid JSON" + location(e);
    }

    /** The Java type a value failed to become, from the exception or the coercion failure it wraps; null if unknown. */
    private static Class<?> targetType(JsonProcessingException e) {
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return mismatch.getTargetType();
        }
        if (e instanceof InputCoercionException coercion) {
            return coercion.getTargetType();
        }
        return e.getCause() instanceof InputCoercionException coercion ? coercion.getTargetType() : null;
    }

    private static String location(JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        return location == null || location.getLineNr() < 0
                ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    /**
     * A statement the database refused because of the data it was given (SQLState class 22, data exception, or 23,
     * integrity constraint violation) that no service check caught first: a 400 / 409 in general words, never the
     * driver's message (it names tables, constraints and values). The full failure is logged at debug level.
     */
    private static Optional<MappedError> databaseRefusal(Throwable failure, Request request) {
        String state = null;
        Throwable cause = failure;
        for (int depth = 0; cause != null && state == null && depth < 16; depth++, cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                state = sql.getSQLState();
            }
        }
        if (state == null) {
            return Optional.empty();
        }
        MappedError error = switch (state) {
            case "22001" -> error(400, "A value in the request is longer than allowed", "value-too-long", null);
            case "22003" -> error(400, "A number in the request is out of range", "number-out-of-range", null);
            case "22007", "22008" -> error(400, "A date or time in the request is not valid", "invalid-value", null);
            case "22P02" -> error(400, "A value in the request has the wrong format", "invalid-value", null);
            // NUL, or a character the database's encoding lacks, wherever a client's value reaches a query
            case "22P05", "22021" ->
                error(
                        400,
                        "A value in the request contains a character that cannot be stored" + " (such as NUL, U+0000)",
                        "unstorable-character",
                        null);
            case "23502" -> error(400, "A required value is missing from the request", "value-missing", null);
            case "23514" -> error(400, "A value in the request is not allowed", "invalid-value", null);
            case "23505" -> error(409, "The request conflicts with an existing record", "duplicate", null);
            case "23503" ->
                error(
                        409,
                        "The request refers to a record that does not exist, or removes one that"
                                + " others still refer to",
                        "reference-conflict",
                        null);
            default -> null;
        };
        if (error != null) {
            LOG.debugf(failure, "%s %s refused by the database (SQLState %s)", request.method(), request.path(), state);
        }
        return Optional.ofNullable(error);
    }

    private static MappedError notFound(Request request) {
        return error(404, "No resource at " + request.method() + " " + request.path(), null, null);
    }

    private static MappedError unauthorized() {
        return new MappedError(
                401,
                body(401, "Authentication required: send a valid user name and password (HTTP basic)", null, null),
                Map.of("WWW-Authenticate", CHALLENGE));
    }

    private static MappedError internal(Throwable failure, Request request) {
        String reference = UUID.randomUUID().toString();
        LOG.errorf(failure, "Unexpected failure of %s %s (reference %s)", request.method(), request.path(), reference);
        return error(500, "Internal server error (reference " + reference + ")", "internal-error", null);
    }

    private static MappedError error(int status, String message, String code, List<ErrorBody.Violation> violations) {
        return new MappedError(status, body(status, message, code, violations), Map.of());
    }

    private static ErrorBody body(int status, String message, String code, List<ErrorBody.Violation> violations) {
        return new ErrorBody(status, HttpStatusName.of(status), message, code, violations);
    }

    /** "Payload too large" from PAYLOAD_TOO_LARGE: the status's own name, for statuses with nothing more to say. */
    private static String defaultMessage(int status) {
        String name = HttpStatusName.of(status).replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
