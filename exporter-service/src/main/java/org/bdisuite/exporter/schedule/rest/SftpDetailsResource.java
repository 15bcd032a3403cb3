package org.bdisuite.exporter.schedule.rest;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.bdisuite.exporter.api.SftpDetailsRequest;
import org.bdisuite.exporter.api.SftpDetailsVo;
import org.bdisuite.exporter.openapi.ExporterApiDocs;
import org.bdisuite.exporter.schedule.service.SftpDestinations;
import org.bdisuite.model.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Stored SFTP destinations (credentials: bdi-admin only). */
@Path("/exporter/sftp-details")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = ExporterApiDocs.CATALOG)
public class SftpDetailsResource {

    private final SftpDestinations destinations;
    private final SecurityIdentity identity;

    public SftpDetailsResource(SftpDestinations destinations, SecurityIdentity identity) {
        this.destinations = destinations;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "storeSftpDetails",
            summary = "Stores an SFTP destination (secrets sealed, never "
                    + "returned); 201, 400, 409 when the key exists")
    @APIResponse(
            responseCode = "201",
            description = "Stored, without its secrets",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = SftpDetailsVo.class)))
    @APIResponse(
            responseCode = "400",
            description = "A bad key, host, port, user, host key fingerprint, or neither password nor private key")
    @APIResponse(responseCode = "409", description = "The key is taken")
    public Response store(SftpDetailsRequest request) {
        SftpDetailsVo stored =
                destinations.register(request, identity.getPrincipal().getName());
        return Response.status(Response.Status.CREATED).entity(stored).build();
    }

    @GET
    @Operation(operationId = "listSftpDetails", summary = "The stored SFTP destinations, without secrets")
    public List<SftpDetailsVo> list() {
        return destinations.list();
    }
}
