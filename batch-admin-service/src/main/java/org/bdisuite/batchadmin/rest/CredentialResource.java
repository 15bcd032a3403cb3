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

/** System Setting Service: credentials for other systems. Administrators only; a password is never returned. */
@Path("/system-setting/credentials")
@Produces({MediaType.APPLICATION_JSON, MediaType.APPLICATION_XML})
@RolesAllowed(Roles.ADMIN)
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
    public CredentialVo get(@PathParam("name") String name) {
        return credentials.get(name);
    }

    @PUT
    @Path("/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "putCredential", summary = "Stores a credential; the password is sealed at once")
    public CredentialVo put(@PathParam("name") String name, @Valid @NotNull CredentialChange change) {
        return credentials.put(name, change);
    }

    @DELETE
    @Path("/{name}")
    @Operation(operationId = "deleteCredential", summary = "Deletes a credential")
    public void delete(@PathParam("name") String name) {
        credentials.delete(name);
    }
}
