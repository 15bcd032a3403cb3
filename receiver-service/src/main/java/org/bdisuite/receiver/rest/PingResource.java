package org.bdisuite.receiver.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
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

    static final String ALIVE = "alive";

    @GET
    @Produces({MediaType.TEXT_PLAIN, MediaType.APPLICATION_JSON})
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.MONITOR})
    @Operation(
            operationId = "ping",
            summary = "Whether the Receiver Service is up; answers alive (as text, or as a JSON string to a client"
                    + " that accepts only JSON)")
    @APIResponse(
            responseCode = "200",
            description = "The receiver is up",
            content = {
                @Content(
                        mediaType = MediaType.TEXT_PLAIN,
                        schema = @Schema(implementation = String.class),
                        example = ALIVE),
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(implementation = String.class),
                        example = "\"" + ALIVE + "\"")
            })
    public Response ping(@Context HttpHeaders headers) {
        // Quarkus writes a String entity as is whatever the type; a JSON client gets the JSON string "alive".
        boolean text = headers.getAcceptableMediaTypes().stream().anyMatch(MediaType.TEXT_PLAIN_TYPE::isCompatible);
        return text
                ? Response.ok(ALIVE, MediaType.TEXT_PLAIN_TYPE).build()
                : Response.ok("\"" + ALIVE + "\"", MediaType.APPLICATION_JSON_TYPE)
                        .build();
    }
}
