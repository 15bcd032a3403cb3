package org.bdisuite.runtime.error;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
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
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

    private ErrorMapping() {
    }

    /** The request a failure belongs to, for messages that name it. */
    public record Request(String method, String path) {
    }

    /** A status, its body, and the headers that must go with it (Allow, WWW-Authenticate). */
    public record MappedError(int status, ErrorBody body, Map<String, String> headers) {
    }

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
        return internal(failure, request);
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
            return new MappedError(405, body(405, message, null, null), allowed == null ? Map.of() : Map.of("Allow", allowed));
        }
        if (e instanceof NotSupportedException) {
            return error(415, "This content type is not supported by " + request.method() + " " + request.path(), null, null);
        }
        if (e instanceof NotAcceptableException) {
            return error(406, "None of the media types in the Accept header can be produced by " + request.path(), null, null);
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
        String summary = violations.stream().map(v -> v.field() + ": " + v.message()).collect(Collectors.joining("; "));
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
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            return "Invalid value for '" + field + "' in the request body";
        }
        JsonLocation location = e.getLocation();
        return location == null || location.getLineNr() < 0
                ? "The request body is not valid JSON"
                : "The request body is not valid JSON (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static MappedError notFound(Request request) {
        return error(404, "No resource at " + request.method() + " " + request.path(), null, null);
    }

    private static MappedError unauthorized() {
        return new MappedError(401, body(401, "Authentication required: send a valid user name and password (HTTP basic)",
                null, null), Map.of("WWW-Authenticate", CHALLENGE));
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
