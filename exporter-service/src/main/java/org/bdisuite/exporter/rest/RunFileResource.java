package org.bdisuite.exporter.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.bdisuite.exporter.service.RunFiles;
import org.bdisuite.model.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** A run's files (the download links of mails too large to carry them). */
@Path("/exporter/runs/{runId}/files/{name}")
public class RunFileResource {

    private final RunFiles runFiles;

    public RunFileResource(RunFiles runFiles) {
        this.runFiles = runFiles;
    }

    @GET
    @RolesAllowed({Roles.DATA_EXPORTER, Roles.ADMIN, Roles.MONITOR})
    @Operation(operationId = "downloadRunFile", summary = "Streams a file a run wrote (404 for any other name)")
    public Response download(@PathParam("runId") long runId, @PathParam("name") String name) {
        RunFiles.Download download = runFiles.find(runId, name);
        String type = name.endsWith(".csv") ? "text/csv; charset=UTF-8" : "application/json";
        return Response.ok(download.path().toFile(), type)
                .header("Content-Disposition", "attachment; filename=\"" + download.name() + "\"")
                .header("Digest", "sha-256=" + download.sha256()).build();
    }
}
