package org.bdisuite.runtime;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** An endpoint whose author forgot its roles: deny by default must close it to every caller. */
@Path("/probe-unannotated")
@Produces(MediaType.APPLICATION_JSON)
public class UnannotatedProbeResource {

    @GET
    public String open() {
        return "\"anyone may read this\"";
    }
}
