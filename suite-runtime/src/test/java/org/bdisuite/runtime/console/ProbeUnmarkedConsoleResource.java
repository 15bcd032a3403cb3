package org.bdisuite.runtime.console;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.bdisuite.model.Roles;

/** A console path whose resource lacks {@link ConsolePage}: its state-changing requests are refused without the header. */
@Path("/console/unmarked")
@RolesAllowed(Roles.ADMIN)
public class ProbeUnmarkedConsoleResource {

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_PLAIN)
    public String act(@FormParam("word") String word) {
        return "done " + word;
    }
}
