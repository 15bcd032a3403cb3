package org.bdisuite.runtime.http;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.bdisuite.runtime.error.ErrorMapping;
import org.bdisuite.runtime.error.HttpErrorHandler;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A declared Content-Length above quarkus.http.limits.max-body-size is refused before anything is read, as Quarkus
 * does, but with the error body: Quarkus's own check (route order -2) answers a bare 413. Bodies without a declared
 * length are counted while they are read (by Quarkus and by the endpoints' own limits).
 */
@ApplicationScoped
public class DeclaredBodyLimit {

    /** Just before Quarkus's upload limit (RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT, -2). */
    private static final int ORDER = -3;

    private final Optional<MemorySize> maxBodySize;

    public DeclaredBodyLimit(
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> maxBodySize) {
        this.maxBodySize = maxBodySize;
    }

    void register(@Observes Router router) {
        maxBodySize.ifPresent(
                max -> router.route().order(ORDER).handler(context -> refuseIfLarger(context, max.asLongValue())));
    }

    private static void refuseIfLarger(RoutingContext context, long max) {
        String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared == null || !isLarger(declared, max)) {
            context.next();
            return;
        }
        // The body that follows is not read: the connection ends with the answer.
        context.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        HttpErrorHandler.write(context, ErrorMapping.forStatus(413, HttpErrorHandler.requestOf(context)));
    }

    static boolean isLarger(String contentLength, long max) {
        try {
            return Long.parseLong(contentLength.trim()) > max;
        } catch (NumberFormatException e) {
            return false; // not a length: Vert.x refuses the request itself
        }
    }
}
