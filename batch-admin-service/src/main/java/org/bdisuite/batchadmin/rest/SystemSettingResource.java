package org.bdisuite.batchadmin.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.bdisuite.batchadmin.api.ReceiverOptionChange;
import org.bdisuite.batchadmin.api.ReceiverOptionVo;
import org.bdisuite.batchadmin.api.ReceiverOptionsVo;
import org.bdisuite.batchadmin.api.SystemOptionChange;
import org.bdisuite.batchadmin.api.SystemOptionVo;
import org.bdisuite.batchadmin.api.SystemOptionsVo;
import org.bdisuite.batchadmin.service.SystemSettings;
import org.bdisuite.model.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * System Setting Service: system options (BDI_SYSTEM_OPTIONS) and receiver options per interface
 * (BDI_RECEIVER_OPTIONS, the spec's "Manage Configurations"). Every role views; administrators change.
 */
@Path("/system-setting")
@Produces({MediaType.APPLICATION_JSON, MediaType.APPLICATION_XML})
@RolesAllowed({Roles.MONITOR, Roles.OPERATOR, Roles.ADMIN})
@Tag(name = BatchApiDocs.SETTINGS)
public class SystemSettingResource {

    private final SystemSettings settings;

    public SystemSettingResource(SystemSettings settings) {
        this.settings = settings;
    }

    @GET
    @Path("/system-options")
    @Operation(operationId = "getSystemOptions", summary = "All system options")
    public SystemOptionsVo systemOptions() {
        return settings.systemOptions();
    }

    @GET
    @Path("/system-options/{name}")
    @Operation(operationId = "getSystemOption", summary = "One system option")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "404", description = "No such system option")
    public SystemOptionVo systemOption(@PathParam("name") String name) {
        return settings.systemOption(name);
    }

    @PUT
    @Path("/system-options/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            operationId = "changeSystemOption",
            summary = "Changes a system option; the receiver uses it from its next request")
    @APIResponse(responseCode = "200")
    @APIResponse(
            responseCode = "400",
            description = "receiverMaxNumBlocks not 1..999999999, LOADSEEDDATA not TRUE / FALSE, or no value")
    @APIResponse(responseCode = "404", description = "No such system option")
    @APIResponse(responseCode = "415", description = BatchApiDocs.NOT_JSON)
    public SystemOptionVo changeSystemOption(
            @PathParam("name") String name, @Valid @NotNull SystemOptionChange change) {
        return settings.changeSystemOption(name, change.value());
    }

    @GET
    @Path("/receiver-options")
    @Operation(operationId = "getReceiverOptions", summary = "Receiver options of every configured interface")
    public ReceiverOptionsVo receiverOptions() {
        return settings.receiverOptions();
    }

    @GET
    @Path("/receiver-options/{interfaceModule}/{interfaceShortName}")
    @Operation(operationId = "getReceiverOption", summary = "Receiver options of one interface")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "400", description = "A bad interface module or interface name")
    @APIResponse(responseCode = "404", description = "No receiver options for this interface")
    public ReceiverOptionVo receiverOption(
            @PathParam("interfaceModule") String interfaceModule,
            @PathParam("interfaceShortName") String interfaceShortName) {
        return settings.receiverOption(interfaceModule, interfaceShortName);
    }

    @PUT
    @Path("/receiver-options/{interfaceModule}/{interfaceShortName}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "changeReceiverOption", summary = "Sets an interface's base folder and merge strategy")
    @APIResponse(responseCode = "200")
    @APIResponse(
            responseCode = "400",
            description = "Bad names, a base folder that is not absolute or has .., or an unknown merge strategy")
    @APIResponse(responseCode = "415", description = BatchApiDocs.NOT_JSON)
    public ReceiverOptionVo changeReceiverOption(
            @PathParam("interfaceModule") String interfaceModule,
            @PathParam("interfaceShortName") String interfaceShortName,
            @Valid @NotNull ReceiverOptionChange change) {
        return settings.changeReceiverOption(interfaceModule, interfaceShortName, change);
    }
}
