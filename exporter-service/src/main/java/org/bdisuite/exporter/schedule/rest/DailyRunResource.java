package org.bdisuite.exporter.schedule.rest;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.bdisuite.exporter.api.ErrorLogEntryVo;
import org.bdisuite.exporter.api.PageVo;
import org.bdisuite.exporter.api.ProcessSchedulesVo;
import org.bdisuite.exporter.openapi.ExporterApiDocs;
import org.bdisuite.exporter.schedule.service.DailyRun;
import org.bdisuite.exporter.schedule.service.ErrorLog;
import org.bdisuite.model.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The daily run on demand and the DataExporterErrors log. */
@Path("/exporter")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ExporterApiDocs.RUNS)
public class DailyRunResource {

    private final DailyRun dailyRun;
    private final ErrorLog errorLog;
    private final SecurityIdentity identity;

    public DailyRunResource(DailyRun dailyRun, ErrorLog errorLog, SecurityIdentity identity) {
        this.dailyRun = dailyRun;
        this.errorLog = errorLog;
        this.identity = identity;
    }

    @POST
    @Path("/process-schedules")
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            operationId = "processSchedules",
            summary = "Runs today's processSchedules now: exports every due "
                    + "schedule not yet exported today, one at a time; returns the run list and the runs")
    public ProcessSchedulesVo processSchedules() {
        return dailyRun.processSchedules(identity.getPrincipal().getName());
    }

    @GET
    @Path("/errors")
    @RolesAllowed({Roles.ADMIN, Roles.DATA_EXPORTER, Roles.MONITOR})
    @Operation(operationId = "errors", summary = "The DataExporterErrors log, newest first (paged)")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "400", description = ExporterApiDocs.BAD_PAGE)
    public PageVo<ErrorLogEntryVo> errors(
            @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue(Paging.DEFAULT_SIZE) int size) {
        return errorLog.page(Paging.page(page), Paging.size(size));
    }
}
