package org.bdisuite.runtime.console;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * The console's sign-in page, served by every service (behind the Ingress any of them may answer it). The form
 * posts to Quarkus's form authentication ({@code /console/j_security_check}), which checks the password with
 * {@code DatabaseIdentityProvider} (and so its login throttle) and sets the shared session cookie.
 */
@ConsolePage
@Path("/console/login")
@PermitAll
public class ConsoleLoginResource {

    private final Template login;

    public ConsoleLoginResource(@Location("console/login.html") Template login) {
        this.login = login;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page(
            @QueryParam("error") boolean error,
            @QueryParam("throttled") boolean throttled,
            @QueryParam("signedOut") boolean signedOut) {
        return login.data("error", error).data("throttled", throttled).data("signedOut", signedOut);
    }
}
