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
import org.bdisuite.batchadmin.api.CredentialChange;
import org.bdisuite.batchadmin.api.CredentialVo;
import org.bdisuite.batchadmin.api.CredentialsVo;
import org.bdisuite.batchadmin.service.Credentials;
import org.bdisuite.model.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** System Setting Service: credentials for other systems. Administrators only; a password is never returned. */
@Path("/system-setting/credentials")
@Produces({MediaType.APPLICATION_JSON, MediaType.APPLICATION_XML})
@RolesAllowed(Roles.ADMIN)
@Tag(name = BatchApiDocs.SETTINGS)
public class CredentialResource {

    private final Credentials credentials;

    public CredentialResource(Credentials credentials) {
        this.credentials = credentials;
    }

    @GET
    @Operation(operationId = "getCredentials", summary = "Stored credentials: names and users, never passwords")
    public CredentialsVo list() {
        return credentials.list();
    }

    @GET
    @Path("/{name}")
    @Operation(operationId = "getCredential", summary = "One credential: name and user, never the password")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "400", description = "A bad credential name")
    @APIResponse(responseCode = "404", description = "No such credential")
    public CredentialVo get(@PathParam("name") String name) {
        return credentials.get(name);
    }

    @PUT
    @Path("/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "putCredential", summary = "Stores a credential; the password is sealed at once")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "400", description = "A bad name, no user or no password")
    @APIResponse(responseCode = "415", description = BatchApiDocs.NOT_JSON)
    @APIResponse(
            responseCode = "422",
            description = "secrets-key-missing: suite.secrets.key is not set, so the password cannot be sealed")
    public CredentialVo put(@PathParam("name") String name, @Valid @NotNull CredentialChange change) {
        return credentials.put(name, change);
    }

    @DELETE
    @Path("/{name}")
    @Operation(operationId = "deleteCredential", summary = "Deletes a credential")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "400", description = "A bad credential name")
    @APIResponse(responseCode = "404", description = "No such credential")
    public void delete(@PathParam("name") String name) {
        credentials.delete(name);
    }
}
