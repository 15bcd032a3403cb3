package org.bdisuite.receiver.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.bdisuite.model.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Receiver Service ping (BDI guide): lets a sender check that the receiver is up before it begins a transaction. */
@Path("/receiver/ping")
@Tag(name = ReceiverApiDocs.TAG)
public class PingResource {

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.MONITOR})
    @Operation(operationId = "ping", summary = "Whether the Receiver Service is up; answers alive")
    @APIResponse(
            responseCode = "200",
            description = "The receiver is up",
            content = @Content(schema = @Schema(implementation = String.class), example = "alive"))
    public String ping() {
        return "alive";
    }
}
