package org.bdisuite.batchadmin.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.bdisuite.batchadmin.api.NewUser;
import org.bdisuite.batchadmin.api.PasswordChange;
import org.bdisuite.batchadmin.api.RoleChange;
import org.bdisuite.batchadmin.api.UserNames;
import org.bdisuite.batchadmin.api.UserView;
import org.bdisuite.batchadmin.service.UserAdministration;
import org.bdisuite.model.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** System Setting Service: the suite's users and their roles. Administrators only. */
@Path("/system-setting/users")
@Produces({MediaType.APPLICATION_JSON, MediaType.APPLICATION_XML})
@RolesAllowed(Roles.ADMIN)
@Tag(name = BatchApiDocs.SETTINGS)
public class UserResource {

    private final UserAdministration users;

    public UserResource(UserAdministration users) {
        this.users = users;
    }

    @GET
    @Operation(operationId = "listUsers", summary = "All users with their roles (never a password or hash)")
    public List<UserView> list() {
        return users.list();
    }

    @GET
    @Path("/{username}")
    @Operation(operationId = "getUser", summary = "One user with its roles")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "400", description = BatchApiDocs.BAD_USER_NAME)
    @APIResponse(responseCode = "404", description = "No such user")
    public UserView get(
            @PathParam("username") @Pattern(regexp = UserNames.PATTERN, message = UserNames.RULE) String username) {
        return users.get(username);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createUser", summary = "Creates a user with a password and one or more roles")
    @APIResponse(
            responseCode = "201",
            description = "Created; Location names the new user",
            content = @Content(schema = @Schema(implementation = UserView.class)))
    @APIResponse(
            responseCode = "400",
            description =
                    "A bad name, a password under 12 characters or over 72 bytes, an unknown role, no role, or malformed JSON")
    @APIResponse(responseCode = "409", description = "user-exists")
    @APIResponse(responseCode = "415", description = BatchApiDocs.NOT_JSON)
    public Response create(@Valid @NotNull NewUser request, UriInfo uri) {
        UserView created = users.create(request);
        return Response.created(
                        uri.getAbsolutePathBuilder().path(created.username()).build())
                .entity(created)
                .build();
    }

    @PUT
    @Path("/{username}/password")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "changeUserPassword", summary = "Sets a user's password; takes effect on the next request")
    @APIResponse(responseCode = "204", description = "Changed; takes effect on the next request")
    @APIResponse(responseCode = "400", description = "A bad name, or a password under 12 characters or over 72 bytes")
    @APIResponse(responseCode = "404", description = "No such user")
    public void changePassword(
            @PathParam("username") @Pattern(regexp = UserNames.PATTERN, message = UserNames.RULE) String username,
            @Valid @NotNull PasswordChange change) {
        users.changePassword(username, change.password());
    }

    @PUT
    @Path("/{username}/roles")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "changeUserRoles",
            summary = "Replaces a user's roles; the last administrator keeps bdi-admin")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "400", description = "A bad name, an unknown role or no role")
    @APIResponse(responseCode = "404", description = "No such user")
    @APIResponse(responseCode = "409", description = "last-admin: the last enabled administrator keeps bdi-admin")
    public UserView changeRoles(
            @PathParam("username") @Pattern(regexp = UserNames.PATTERN, message = UserNames.RULE) String username,
            @Valid @NotNull RoleChange change) {
        return users.changeRoles(username, change.roles());
    }

    @DELETE
    @Path("/{username}")
    @Operation(operationId = "deleteUser", summary = "Deletes a user; the last administrator cannot be deleted")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "400", description = BatchApiDocs.BAD_USER_NAME)
    @APIResponse(responseCode = "404", description = "No such user")
    @APIResponse(responseCode = "409", description = "last-admin: the last enabled administrator cannot be deleted")
    public void delete(
            @PathParam("username") @Pattern(regexp = UserNames.PATTERN, message = UserNames.RULE) String username) {
        users.delete(username);
    }
}
