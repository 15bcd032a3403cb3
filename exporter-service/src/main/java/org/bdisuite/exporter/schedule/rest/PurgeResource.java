package org.bdisuite.exporter.schedule.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;
import org.bdisuite.exporter.openapi.ExporterApiDocs;
import org.bdisuite.model.Roles;
import org.bdisuite.runtime.retention.PurgeReport;
import org.bdisuite.runtime.retention.PurgeRunner;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The retention purge of the exporter's data: run files, file-job files, audit history. */
@Path("/exporter/purge")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ExporterApiDocs.RUNS)
public class PurgeResource {

    private final PurgeRunner purges;

    public PurgeResource(PurgeRunner purges) {
        this.purges = purges;
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            operationId = "purgeExporterData",
            summary =
                    "Deletes ended runs' files (EXPORT_RUN_FILES), ended file jobs (FILE_JOB_FILES) and the audit"
                            + " history (AUDIT_HISTORY) older than their retention; with dryRun=true only reports what would go")
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
                                            enumeration = {"AUDIT_HISTORY", "EXPORT_RUN_FILES", "FILE_JOB_FILES"}))
                    @QueryParam("kind")
                    String kind) {
        return purges.purge(Optional.ofNullable(kind), PurgeRunner.dryRun(dryRun));
    }
}
