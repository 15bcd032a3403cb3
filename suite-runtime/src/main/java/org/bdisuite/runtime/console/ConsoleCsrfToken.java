package org.bdisuite.runtime.console;

import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

/**
 * The console page's CSRF token for its templates: {@code {inject:csrf.token}} in a hidden field of every form,
 * {@code {inject:csrf.headerName}} for the header that console.js adds to htmx requests. The token is the one of
 * the browser's {@code csrf-token} cookie, or the new one that {@link ConsoleCsrfFilter} issues with this response.
 */
@RequestScoped
@Named("csrf")
public class ConsoleCsrfToken {

    private final RoutingContext routing;

    public ConsoleCsrfToken(RoutingContext routing) {
        this.routing = routing;
    }

    public String getToken() {
        String token = routing.get(ConsoleCsrfFilter.TOKEN_KEY);
        return token == null ? "" : token;
    }

    public String getParameterName() {
        return ConsoleCsrfFilter.FORM_FIELD;
    }

    public String getHeaderName() {
        return ConsoleCsrfFilter.HEADER;
    }
}
