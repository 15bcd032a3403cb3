package org.bdisuite.model.api;

/**
 * The status names of {@link ErrorBody#status()}. JAX-RS's {@code Response.Status} has no name for some
 * codes the suite uses (422), so the names live here.
 */
public final class HttpStatusName {

    private HttpStatusName() {}

    /** The upper-case, underscore-separated name of an HTTP status code, as the BDI spec prints it. */
    public static String of(int statusCode) {
        return switch (statusCode) {
            case 400 -> "BAD_REQUEST";
            case 401 -> "UNAUTHORIZED";
            case 403 -> "FORBIDDEN";
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 406 -> "NOT_ACCEPTABLE";
            case 409 -> "CONFLICT";
            case 410 -> "GONE";
            case 411 -> "LENGTH_REQUIRED";
            case 412 -> "PRECONDITION_FAILED";
            case 413 -> "REQUEST_ENTITY_TOO_LARGE";
            case 414 -> "REQUEST_URI_TOO_LONG";
            case 415 -> "UNSUPPORTED_MEDIA_TYPE";
            case 416 -> "REQUESTED_RANGE_NOT_SATISFIABLE";
            case 422 -> "UNPROCESSABLE_ENTITY";
            case 429 -> "TOO_MANY_REQUESTS";
            case 500 -> "INTERNAL_SERVER_ERROR";
            case 501 -> "NOT_IMPLEMENTED";
            case 502 -> "BAD_GATEWAY";
            case 503 -> "SERVICE_UNAVAILABLE";
            case 504 -> "GATEWAY_TIMEOUT";
            case 507 -> "INSUFFICIENT_STORAGE";
            default -> statusCode >= 500 ? "SERVER_ERROR" : "CLIENT_ERROR";
        };
    }
}
