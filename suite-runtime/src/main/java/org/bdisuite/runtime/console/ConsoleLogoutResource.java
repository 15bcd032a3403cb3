package org.bdisuite.runtime.console;

import io.quarkus.security.Authenticated;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Signs out: the session lives only in the encrypted cookie, so signing out removes it from the browser (a POST
 * with the CSRF token, so another site cannot sign an operator out) and goes back to the sign-in page.
 */
@ConsolePage
@Path("/console/logout")
@Authenticated
public class ConsoleLogoutResource {

    private final String cookieName;

    public ConsoleLogoutResource(@ConfigProperty(name = "quarkus.http.auth.form.cookie-name") String cookieName) {
        this.cookieName = cookieName;
    }

    @POST
    public Response logout(RoutingContext context) {
        context.response().addCookie(Cookie.cookie(cookieName, "").setPath("/").setMaxAge(0));
        return Response.seeOther(URI.create("/console/login?signedOut=true")).build();
    }
}
