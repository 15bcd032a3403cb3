package org.bdisuite.runtime.security;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.bdisuite.runtime.error.ForbiddenRequestException;

/**
 * Refuses state-changing requests (every method but GET, HEAD, OPTIONS, TRACE) that a browser sent from another
 * site (CSRF). Browsers remember basic-auth credentials after a 401 challenge and send them along with requests that
 * any other page makes, so credentials alone do not prove that the user meant the request; but browsers also say
 * where a request comes from, and a page cannot forge that:
 * <ul>
 * <li>an {@code Origin} header must be this service's own origin (scheme, host and port of the request, as
 * Quarkus sees them behind a configured proxy) or one of {@code suite.security.allowed-origins}; {@code null} (an
 * opaque origin: a sandboxed frame, a file) and anything unparsable are refused;</li>
 * <li>{@code Sec-Fetch-Site: cross-site} and {@code same-site} are refused unless the Origin is an allowed one.
 * "same-site" covers other ports and sibling subdomains: other origins, possibly other applications, so they are
 * treated as foreign.</li>
 * </ul>
 * Clients that send neither header (curl, SDKs, the suite's own service-to-service calls) are not browsers and pass.
 * Runs as an HTTP filter ahead of authentication, for every route (REST resources and /q/ alike), so a refused
 * request costs no password check and changes nothing.
 */
@ApplicationScoped
public class CrossSiteRequestFilter {

    /** Ahead of authentication (200), behind CORS (300) should a service ever turn CORS on. */
    static final int PRIORITY = SecurityHandlerPriorities.AUTHENTICATION + 50;

    private static final Set<HttpMethod> SAFE =
            Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.TRACE);
    private static final Set<String> OTHER_SITE = Set.of("cross-site", "same-site");

    private final Set<String> allowedOrigins;

    public CrossSiteRequestFilter(SecurityConfig config) {
        this.allowedOrigins = config.security().allowedOrigins().orElse(List.of()).stream()
                .map(origin -> normalize(origin)
                        .orElseThrow(() -> new IllegalArgumentException("suite.security.allowed-origins: '" + origin
                                + "' is not an origin (scheme://host[:port])")))
                .collect(Collectors.toUnmodifiableSet());
    }

    void register(@Observes Filters filters) {
        filters.register(this::filter, PRIORITY);
    }

    private void filter(RoutingContext context) {
        HttpServerRequest request = context.request();
        Optional<String> refusal = SAFE.contains(request.method()) ? Optional.empty() : refusal(request);
        if (refusal.isPresent()) {
            context.fail(new ForbiddenRequestException(
                    "cross-site-request",
                    "Refused " + request.method().name() + " "
                            + context.normalizedPath() + ": " + refusal.get()
                            + ". A browser may change state only from this"
                            + " service's own origin or an origin in suite.security.allowed-origins."));
        } else {
            context.next();
        }
    }

    /** Why a browser's state-changing request is refused, or empty when it may go on. */
    private Optional<String> refusal(HttpServerRequest request) {
        String originHeader = request.getHeader("Origin");
        if (originHeader != null) {
            Optional<String> origin = normalize(originHeader);
            if (origin.isEmpty()) {
                return Optional.of(
                        "the browser sent it from an opaque or malformed origin (Origin: null or unparsable)");
            }
            if (allowedOrigins.contains(origin.get())) {
                return Optional.empty();
            }
            if (!origin.equals(ownOrigin(request))) {
                return Optional.of("the browser sent it from another origin (" + origin.get() + ")");
            }
        }
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null && OTHER_SITE.contains(site.trim().toLowerCase(Locale.ROOT))) {
            return Optional.of("the browser marked it as sent from another site (Sec-Fetch-Site: "
                    + site.trim().toLowerCase(Locale.ROOT) + ")");
        }
        return Optional.empty();
    }

    private static Optional<String> ownOrigin(HttpServerRequest request) {
        HostAndPort authority = request.authority();
        if (authority == null || request.scheme() == null) {
            return Optional.empty();
        }
        return origin(request.scheme(), authority.host(), authority.port());
    }

    /** "scheme://host:port" in lower case with the port spelled out, or empty when it is not an http(s) origin. */
    static Optional<String> normalize(String origin) {
        try {
            URI uri = new URI(origin.trim());
            String path = uri.getRawPath();
            if (uri.getRawUserInfo() != null
                    || uri.getRawQuery() != null
                    || uri.getRawFragment() != null
                    || (path != null && !path.isEmpty() && !path.equals("/"))) {
                return Optional.empty();
            }
            return origin(uri.getScheme(), uri.getHost(), uri.getPort());
        } catch (URISyntaxException malformed) {
            return Optional.empty();
        }
    }

    private static Optional<String> origin(String scheme, String host, int port) {
        if (scheme == null || host == null || host.isEmpty()) {
            return Optional.empty();
        }
        String lowerScheme = scheme.toLowerCase(Locale.ROOT);
        int defaultPort = switch (lowerScheme) {
            case "http" -> 80;
            case "https" -> 443;
            default -> -1;
        };
        if (defaultPort < 0) {
            return Optional.empty();
        }
        String bareHost = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return Optional.of(
                lowerScheme + "://" + bareHost.toLowerCase(Locale.ROOT) + ":" + (port < 0 ? defaultPort : port));
    }
}
