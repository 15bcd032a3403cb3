package org.bdisuite.bench.floor;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** One API resource: the system options, read through a Panache repository (what every service's API does). */
@Path("/floor/options")
@RolesAllowed("bdi-admin")
public class FloorResource {

    /** One option as the API shows it. */
    public record OptionVo(String name, String value) {}

    private final FloorOptions options;

    public FloorResource(FloorOptions options) {
        this.options = options;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    public List<OptionVo> list() {
        return options.listAll().stream()
                .map(option -> new OptionVo(option.getName(), option.getValue()))
                .toList();
    }
}
