package org.bdisuite.batchadmin.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
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

/** System Setting Service: the suite's users and their roles. Administrators only. */
@Path("/system-setting/users")
@Produces({MediaType.APPLICATION_JSON, MediaType.APPLICATION_XML})
@RolesAllowed(Roles.ADMIN)
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
    public UserView get(@PathParam("username") @Pattern(regexp = UserNames.PATTERN, message = UserNames.RULE) String username) {
        return users.get(username);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createUser", summary = "Creates a user with a password and one or more roles")
    public Response create(@Valid NewUser request, UriInfo uri) {
        UserView created = users.create(request);
        return Response.created(uri.getAbsolutePathBuilder().path(created.username()).build()).entity(created).build();
    }

    @PUT
    @Path("/{username}/password")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "changeUserPassword", summary = "Sets a user's password; takes effect on the next request")
    public void changePassword(@PathParam("username") @Pattern(regexp = UserNames.PATTERN, message = UserNames.RULE) String username,
                               @Valid PasswordChange change) {
        users.changePassword(username, change.password());
    }

    @PUT
    @Path("/{username}/roles")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "changeUserRoles", summary = "Replaces a user's roles; the last administrator keeps bdi-admin")
    public UserView changeRoles(@PathParam("username") @Pattern(regexp = UserNames.PATTERN, message = UserNames.RULE) String username,
                                @Valid RoleChange change) {
        return users.changeRoles(username, change.roles());
    }

    @DELETE
    @Path("/{username}")
    @Operation(operationId = "deleteUser", summary = "Deletes a user; the last administrator cannot be deleted")
    public void delete(@PathParam("username") @Pattern(regexp = UserNames.PATTERN, message = UserNames.RULE) String username) {
        users.delete(username);
    }
}
