package org.bdisuite.bench.floor;

import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** One Qute page, public as the console's sign-in page is. */
@Path("/console/login")
@PermitAll
public class FloorPage {

    private final Template floor;

    public FloorPage(Template floor) {
        this.floor = floor;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page() {
        return floor.data("title", "Startup floor");
    }
}
