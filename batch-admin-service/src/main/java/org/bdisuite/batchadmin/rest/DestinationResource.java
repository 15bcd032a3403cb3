package org.bdisuite.batchadmin.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.bdisuite.batchadmin.api.DestinationChange;
import org.bdisuite.batchadmin.api.DestinationVo;
import org.bdisuite.batchadmin.api.DestinationsVo;
import org.bdisuite.batchadmin.service.Destinations;
import org.bdisuite.model.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * System Setting Service: destinations of the downloader-transporter (receiver URL, credential, pinned
 * certificates). Administrators only; a password is never returned. Jobs name a destination, nothing more.
 */
@Path("/system-setting/destinations")
@Produces({MediaType.APPLICATION_JSON, MediaType.APPLICATION_XML})
@RolesAllowed(Roles.ADMIN)
@Tag(name = BatchApiDocs.SETTINGS)
public class DestinationResource {

    private final Destinations destinations;

    public DestinationResource(Destinations destinations) {
        this.destinations = destinations;
    }

    @GET
    @Operation(
            operationId = "getDestinations",
            summary = "Stored destinations: URL, user and pinned certificates, never passwords")
    public DestinationsVo list() {
        return destinations.list();
    }

    @GET
    @Path("/{name}")
    @Operation(operationId = "getDestination", summary = "One destination, never its password")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "400", description = "A bad destination name")
    @APIResponse(responseCode = "404", description = "No such destination")
    public DestinationVo get(@PathParam("name") String name) {
        return destinations.get(name);
    }

    @PUT
    @Path("/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "putDestination",
            summary = "Stores a destination as a whole; the password is sealed at once")
    @APIResponse(responseCode = "200")
    @APIResponse(
            responseCode = "400",
            description =
                    "A bad name; a URL that is not http(s), has no host, or holds a user,"
                            + " query or fragment; no user or password; trustedCertificates that are not PEM certificates or go with http")
    @APIResponse(responseCode = "415", description = BatchApiDocs.NOT_JSON)
    @APIResponse(
            responseCode = "422",
            description = "secrets-key-missing: suite.secrets.key is not set, so the password cannot be sealed")
    public DestinationVo put(@PathParam("name") String name, @Valid @NotNull DestinationChange change) {
        return destinations.put(name, change);
    }

    @DELETE
    @Path("/{name}")
    @Operation(operationId = "deleteDestination", summary = "Deletes a destination")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "400", description = "A bad destination name")
    @APIResponse(responseCode = "404", description = "No such destination")
    public void delete(@PathParam("name") String name) {
        destinations.delete(name);
    }
}
