package org.bdisuite.runtime.error;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;
import org.bdisuite.runtime.console.ConsoleFailures;

/**
 * The HTTP layer's adapter to {@link ErrorMapping}: failures that never reach the REST layer (authentication
 * and path permissions, body limits, paths outside every resource such as /q/unknown) get the same error body.
 */
@ApplicationScoped
public class HttpErrorHandler {

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::onFailure);
        // Anything no route answered (for example an unknown path under /q/): a 404 in the suite's shape.
        router.route().order(Integer.MAX_VALUE).handler(this::onUnmatched);
    }

    private void onFailure(RoutingContext context) {
        if (context.response().headWritten()) {
            context.next();
            return;
        }
        ErrorMapping.Request request = requestOf(context);
        ErrorMapping.MappedError error = context.failure() != null
                ? ErrorMapping.map(context.failure(), request)
                : ErrorMapping.forStatus(context.statusCode(), request);
        Optional<String> signIn = ConsoleFailures.signInRedirect(request.path(), error.status());
        if (signIn.isPresent()) {
            context.response()
                    .setStatusCode(302)
                    .putHeader(HttpHeaders.LOCATION, signIn.get())
                    .end();
            return;
        }
        write(context, error);
    }

    private void onUnmatched(RoutingContext context) {
        write(context, ErrorMapping.forStatus(404, requestOf(context)));
    }

    public static ErrorMapping.Request requestOf(RoutingContext context) {
        return new ErrorMapping.Request(context.request().method().name(), context.normalizedPath());
    }

    /** Ends the response with the error, as JSON or XML by the request's Accept header. */
    public static void write(RoutingContext context, ErrorMapping.MappedError error) {
        MediaType type = ErrorRendering.mediaTypeFor(context.request().getHeader(HttpHeaders.ACCEPT));
        HttpServerResponse response = context.response().setStatusCode(error.status());
        error.headers().forEach(response::putHeader);
        response.putHeader(HttpHeaders.CONTENT_TYPE, type.toString()).end(ErrorRendering.render(error.body(), type));
    }
}
