package org.bdisuite.batchadmin.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;
import org.bdisuite.model.Roles;
import org.bdisuite.runtime.retention.PurgeReport;
import org.bdisuite.runtime.retention.PurgeRunner;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** System Setting Service: the retention purge of batch-admin's data (job history, notification history). */
@Path("/system-setting/purge")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = BatchApiDocs.SETTINGS)
public class PurgeResource {

    private final PurgeRunner purges;

    public PurgeResource(PurgeRunner purges) {
        this.purges = purges;
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            operationId = "purgeBatchAdminData",
            summary = "Deletes job history (JOB_HISTORY) and notification history (NOTIFICATION_HISTORY) older"
                    + " than their retention; with dryRun=true only reports what would go")
    @APIResponse(responseCode = "200", description = "Per kind: rows and bytes deleted, or that would be")
    @APIResponse(responseCode = "400", description = "dryRun not true / false; a kind this service does not purge")
    @APIResponse(responseCode = "409", description = "Another replica is purging (code purge-running)")
    public PurgeReport purge(
            @Parameter(
                            description = "true: delete nothing, report what would go",
                            schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false"))
                    @QueryParam("dryRun")
                    String dryRun,
            @Parameter(
                            description = "Only this kind",
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            enumeration = {"JOB_HISTORY", "NOTIFICATION_HISTORY"}))
                    @QueryParam("kind")
                    String kind) {
        return purges.purge(Optional.ofNullable(kind), PurgeRunner.dryRun(dryRun));
    }
}
