package org.bdisuite.runtime.console;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.bdisuite.model.Roles;

/** A console page of the test application: the shared layout around one form. */
@ConsolePage
@Path("/console/probe")
@RolesAllowed({Roles.ADMIN, Roles.MONITOR})
public class ProbeConsoleResource {

    private final Template probe;

    public ProbeConsoleResource(@Location("console/probe.html") Template probe) {
        this.probe = probe;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page() {
        return probe.data("now", java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_PLAIN)
    @RolesAllowed(Roles.ADMIN)
    public String act(@FormParam("word") String word) {
        return "done " + word;
    }
}
