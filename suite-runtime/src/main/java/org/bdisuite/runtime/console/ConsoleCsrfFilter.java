package org.bdisuite.runtime.console;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import org.bdisuite.runtime.error.ForbiddenRequestException;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;
import org.jboss.resteasy.reactive.server.WithFormRead;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

/**
 * CSRF tokens for the console's forms and htmx requests (double submit cookie), and only for them: a state-changing
 * request to a console page ({@code /console/…}) must carry the token of its {@code csrf-token} cookie in the form
 * field {@code csrf-token} or the header {@code X-CSRF-TOKEN}; otherwise it is refused (403
 * {@code csrf-token-missing}) before the page's resource runs. Another site can make the browser send the cookie, but
 * it cannot read it to put it into the form.
 *
 * <p>The APIs are not touched: their clients authenticate with basic auth on every call (no cookie a foreign page
 * could ride on; {@code CrossSiteRequestFilter} covers browsers that remembered basic credentials), and they send
 * requests with or without a body and of any media type. quarkus-rest-csrf is not used for this reason: its filter
 * checks every state-changing request of the application and cannot be limited to paths.
 */
public class ConsoleCsrfFilter {

    static final String COOKIE = "csrf-token";
    static final String FORM_FIELD = "csrf-token";
    static final String HEADER = "X-CSRF-TOKEN";
    static final String TOKEN_KEY = "bdi-console-csrf-token";
    private static final String NEW_TOKEN_KEY = "bdi-console-csrf-new";
    private static final int TOKEN_BYTES = 32;
    private static final Set<HttpMethod> SAFE =
            Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.TRACE);

    private final SecureRandom random = new SecureRandom();

    /**
     * Every request to a console path: a safe one gets the token its page's forms will carry; a state-changing one
     * with the token in its header is checked here, one without is left to {@link #checkForm} when its resource is a
     * {@link ConsolePage} and refused when it is not (deny by default).
     */
    @ServerRequestFilter
    public void check(
            ResteasyReactiveContainerRequestContext request, RoutingContext routing, SimpleResourceInfo resource) {
        if (!ConsoleFailures.isConsolePath(routing.normalizedPath())) {
            return;
        }
        String cookieToken = cookieToken(routing);
        if (SAFE.contains(routing.request().method())) {
            if (cookieToken == null) {
                routing.put(TOKEN_KEY, newToken());
                routing.put(NEW_TOKEN_KEY, Boolean.TRUE);
            } else {
                routing.put(TOKEN_KEY, cookieToken);
            }
            return;
        }
        String header = request.getHeaderString(HEADER);
        if (header != null) {
            require(cookieToken, header, routing);
        } else if (!isConsolePage(resource)) {
            require(cookieToken, null, routing);
        }
    }

    /**
     * The form field of a state-changing request to a {@link ConsolePage} that sent no header token. Bound by name,
     * so the form body is read for console pages only (an API's form-typed or multipart body is its own business).
     */
    @ServerRequestFilter
    @ConsolePage
    @WithFormRead
    public void checkForm(ResteasyReactiveContainerRequestContext request, RoutingContext routing) {
        if (!ConsoleFailures.isConsolePath(routing.normalizedPath())
                || SAFE.contains(routing.request().method())
                || request.getHeaderString(HEADER) != null) {
            return;
        }
        require(cookieToken(routing), formToken(request), routing);
    }

    private static void require(String cookieToken, String sent, RoutingContext routing) {
        if (cookieToken == null || sent == null || !sameToken(cookieToken, sent)) {
            throw new ForbiddenRequestException(
                    "csrf-token-missing",
                    "Refused " + routing.request().method().name() + " " + routing.normalizedPath()
                            + ": a console form must carry the CSRF token of its page (field " + FORM_FIELD
                            + " or header " + HEADER + "). Reload the page and try again.");
        }
        routing.put(TOKEN_KEY, cookieToken);
    }

    private static boolean isConsolePage(SimpleResourceInfo resource) {
        return resource != null
                && resource.getResourceClass() != null
                && resource.getResourceClass().isAnnotationPresent(ConsolePage.class);
    }

    @ServerResponseFilter
    public void issue(RoutingContext routing) {
        if (Boolean.TRUE.equals(routing.get(NEW_TOKEN_KEY))
                && !routing.response().headWritten()) {
            routing.response()
                    .addCookie(Cookie.cookie(COOKIE, routing.get(TOKEN_KEY))
                            .setPath("/")
                            .setHttpOnly(true)
                            .setSecure("https".equals(routing.request().scheme()))
                            .setSameSite(CookieSameSite.STRICT));
        }
    }

    private String newToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The cookie's token when it is one this filter could have issued (a malformed one counts as none). */
    private static String cookieToken(RoutingContext routing) {
        Cookie cookie = routing.request().getCookie(COOKIE);
        if (cookie == null) {
            return null;
        }
        try {
            return Base64.getUrlDecoder().decode(cookie.getValue()).length == TOKEN_BYTES ? cookie.getValue() : null;
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }

    private static String formToken(ResteasyReactiveContainerRequestContext request) {
        Object field = ((ResteasyReactiveRequestContext) request.getServerRequestContext())
                .getFormParameter(FORM_FIELD, true, false);
        return field instanceof String token ? token : null;
    }

    private static boolean sameToken(String expected, String sent) {
        return MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII), sent.getBytes(StandardCharsets.US_ASCII));
    }
}
