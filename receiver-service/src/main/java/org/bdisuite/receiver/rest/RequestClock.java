package org.bdisuite.receiver.rest;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Notes when a request arrived (its headers parsed, before authentication) and when authentication and the path's
 * access rules let it through, so that an upload's phases ({@code UploadPhases}) start at the request's arrival
 * rather than at its method: what a sender waits for before the upload's own work begins is measured too.
 */
@ApplicationScoped
public class RequestClock {

    private static final String ARRIVED = "bdi.receiver.arrived-nanos";
    private static final String AUTHENTICATED = "bdi.receiver.authenticated-nanos";

    void register(@Observes Filters filters) {
        // A filter's priority is its order, highest first: before the CORS and authentication handlers, and after
        // the authorization handler (the path's access rules), before the REST layer's route.
        filters.register(context -> stamp(context, ARRIVED), SecurityHandlerPriorities.CORS + 1);
        filters.register(context -> stamp(context, AUTHENTICATED), SecurityHandlerPriorities.AUTHORIZATION - 1);
    }

    private static void stamp(RoutingContext context, String key) {
        context.put(key, System.nanoTime());
        context.next();
    }

    /** When the request arrived ({@link System#nanoTime()}); now if it was not stamped. */
    static long arrived(RoutingContext context) {
        return stamped(context, ARRIVED);
    }

    /** When authentication let the request through; now if it was not stamped. */
    static long authenticated(RoutingContext context) {
        return stamped(context, AUTHENTICATED);
    }

    private static long stamped(RoutingContext context, String key) {
        Long nanos = context == null ? null : context.get(key);
        return nanos == null ? System.nanoTime() : nanos;
    }
}
