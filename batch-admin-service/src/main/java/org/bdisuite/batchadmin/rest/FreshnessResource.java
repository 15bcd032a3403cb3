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
import org.bdisuite.batchadmin.api.FreshnessListVo;
import org.bdisuite.batchadmin.api.FreshnessRuleChange;
import org.bdisuite.batchadmin.api.FreshnessVo;
import org.bdisuite.batchadmin.service.FreshnessChecks;
import org.bdisuite.model.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * System Setting Service: freshness ("must succeed every N hours" per job, export schedule or interface module).
 * Everyone signed in reads it; administrators set the rules.
 */
@Path("/system-setting")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = BatchApiDocs.SETTINGS)
public class FreshnessResource {

    private final FreshnessChecks freshness;

    public FreshnessResource(FreshnessChecks freshness) {
        this.freshness = freshness;
    }

    @GET
    @Path("/freshness")
    @RolesAllowed({Roles.MONITOR, Roles.OPERATOR, Roles.ADMIN})
    @Operation(
            operationId = "getFreshness",
            summary = "Each job, export schedule and interface module: last success, its rule, fresh or not")
    public FreshnessListVo list() {
        return freshness.list();
    }

    @PUT
    @Path("/freshness-rules/{kind}/{subject}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            operationId = "putFreshnessRule",
            summary = "The subject must succeed at least every maxAgeHours hours, or a NOT_FRESH event is recorded")
    @APIResponse(responseCode = "200")
    @APIResponse(
            responseCode = "400",
            description = "A kind other than JOB, EXPORT_SCHEDULE or INTERFACE_MODULE; a bad subject; maxAgeHours"
                    + " outside 1..8760")
    @APIResponse(responseCode = "415", description = BatchApiDocs.NOT_JSON)
    public FreshnessVo put(
            @PathParam("kind") String kind,
            @PathParam("subject") String subject,
            @Valid @NotNull FreshnessRuleChange change) {
        return freshness.putRule(kind, subject, change);
    }

    @DELETE
    @Path("/freshness-rules/{kind}/{subject}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "deleteFreshnessRule", summary = "Deletes a freshness rule")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "400", description = "A bad kind or subject")
    @APIResponse(responseCode = "404", description = "No such rule")
    public void delete(@PathParam("kind") String kind, @PathParam("subject") String subject) {
        freshness.deleteRule(kind, subject);
    }
}
