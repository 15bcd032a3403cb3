package org.bdisuite.receiver.http;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Notes when a request arrived (its headers parsed, before authentication) and when authentication and the path's
 * access rules let it through, so that an upload's phases ({@code UploadPhases}) start at the request's arrival
 * rather than at its method: what a sender waits for before the upload's own work begins is measured too. Outside
 * the rest package, so that resources never see Vert.x's request (they read parameters only through their
 * signature).
 */
@ApplicationScoped
public class RequestClock {

    private static final String ARRIVED = "bdi.receiver.arrived-nanos";
    private static final String AUTHENTICATED = "bdi.receiver.authenticated-nanos";

    private final CurrentVertxRequest current;

    public RequestClock(CurrentVertxRequest current) {
        this.current = current;
    }

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

    /** When the current request arrived ({@link System#nanoTime()}); now if it was not stamped. */
    public long arrived() {
        return stamped(ARRIVED);
    }

    /** When authentication let the current request through; now if it was not stamped. */
    public long authenticated() {
        return stamped(AUTHENTICATED);
    }

    /** Runs {@code then} once the current request's answer has been written (on the event loop). */
    public void whenAnswered(Runnable then) {
        RoutingContext context = current.getCurrent();
        if (context != null) {
            context.addEndHandler(written -> then.run());
        }
    }

    private long stamped(String key) {
        RoutingContext context = current.getCurrent();
        Long nanos = context == null ? null : context.get(key);
        return nanos == null ? System.nanoTime() : nanos;
    }
}
