package org.bdisuite.exporter.schedule.rest;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.bdisuite.exporter.api.RunVo;
import org.bdisuite.exporter.common.ExporterRule;
import org.bdisuite.exporter.openapi.ExporterApiDocs;
import org.bdisuite.exporter.schedule.service.Exports;
import org.bdisuite.exporter.schedule.service.RunFiles;
import org.bdisuite.model.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A run: its files (the download links of mails too large to carry them) and the retry of a failed run. */
@Path("/exporter/runs/{runId}")
@Tag(name = ExporterApiDocs.RUNS)
public class RunFileResource {

    private final RunFiles runFiles;
    private final Exports exports;
    private final SecurityIdentity identity;

    public RunFileResource(RunFiles runFiles, Exports exports, SecurityIdentity identity) {
        this.runFiles = runFiles;
        this.exports = exports;
        this.identity = identity;
    }

    @POST
    @Path("/retry")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.DATA_EXPORTER, Roles.ADMIN})
    @Operation(
            operationId = "retryRun",
            summary = "Retries a failed run under its id: its files are reused and only"
                    + " operations not yet delivered are delivered; 200, 422 when it fails again, 409 unless it failed")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "404", description = "No such run")
    @APIResponse(responseCode = "409", description = "The run did not fail, or its schedule is cancelled or running")
    @APIResponse(responseCode = "422", description = ExporterApiDocs.EXPORT_FAILED)
    public RunVo retry(@PathParam("runId") long runId) {
        RunVo run = exports.retry(runId, identity.getPrincipal().getName());
        if (!"SUCCEEDED".equals(run.outcome())) {
            throw ExporterRule.EXPORT_FAILED.refusal("Run " + runId + " failed again: " + run.error());
        }
        return run;
    }

    @GET
    @Path("/files/{name}")
    @RolesAllowed({Roles.DATA_EXPORTER, Roles.ADMIN, Roles.MONITOR})
    @Operation(operationId = "downloadRunFile", summary = "Streams a file a run wrote (404 for any other name)")
    @APIResponse(
            responseCode = "200",
            description = "The file (Digest: sha-256=...)",
            content = {
                @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING, format = "binary")),
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(type = SchemaType.STRING, format = "binary"))
            })
    @APIResponse(responseCode = "404", description = "No such run, or a name the run did not write")
    public Response download(@PathParam("runId") long runId, @PathParam("name") String name) {
        RunFiles.Download download = runFiles.find(runId, name);
        String type = name.endsWith(".csv") ? "text/csv; charset=UTF-8" : "application/json";
        return Response.ok(download.path().toFile(), type)
                .header("Content-Disposition", "attachment; filename=\"" + download.name() + "\"")
                .header("Digest", "sha-256=" + download.sha256())
                .build();
    }
}
