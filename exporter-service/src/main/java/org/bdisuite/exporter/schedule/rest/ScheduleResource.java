package org.bdisuite.exporter.schedule.rest;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.bdisuite.exporter.api.HistoryEventVo;
import org.bdisuite.exporter.api.PageVo;
import org.bdisuite.exporter.api.RunVo;
import org.bdisuite.exporter.api.ScheduleRequest;
import org.bdisuite.exporter.api.ScheduleVo;
import org.bdisuite.exporter.common.ExporterRule;
import org.bdisuite.exporter.openapi.ExporterApiDocs;
import org.bdisuite.exporter.schedule.service.Exports;
import org.bdisuite.exporter.schedule.service.Histories;
import org.bdisuite.exporter.schedule.service.Schedules;
import org.bdisuite.model.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Export schedules: creation, the three message events (startExport, editExport, cancelExport) and their REST
 * forms, views and histories.
 */
@Path("/exporter/schedules")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ExporterApiDocs.SCHEDULES)
public class ScheduleResource {

    private final Schedules schedules;
    private final Histories histories;
    private final Exports exports;
    private final SecurityIdentity identity;

    public ScheduleResource(Schedules schedules, Histories histories, Exports exports, SecurityIdentity identity) {
        this.schedules = schedules;
        this.exports = exports;
        this.histories = histories;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.DATA_EXPORTER, Roles.ADMIN})
    @Operation(operationId = "createSchedule", summary = "Creates a schedule; its instance waits at the event gateway")
    @APIResponse(
            responseCode = "201",
            description = "Created; Location names the schedule (its businessKey)",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ScheduleVo.class)))
    @APIResponse(responseCode = "400", description = ExporterApiDocs.REJECTED_SCHEDULE)
    public Response create(ScheduleRequest request, @Context UriInfo uri) {
        ScheduleVo created = schedules.create(request, user());
        return Response.created(
                        uri.getAbsolutePathBuilder().path(created.businessKey()).build())
                .entity(created)
                .build();
    }

    @GET
    @RolesAllowed({Roles.DATA_EXPORTER, Roles.ADMIN, Roles.MONITOR})
    @Operation(operationId = "listSchedules", summary = "Lists schedules, oldest first (paged)")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "400", description = ExporterApiDocs.BAD_PAGE)
    public PageVo<ScheduleVo> list(
            @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue(Paging.DEFAULT_SIZE) int size) {
        return schedules.list(Paging.page(page), Paging.size(size));
    }

    @GET
    @Path("/{businessKey}")
    @RolesAllowed({Roles.DATA_EXPORTER, Roles.ADMIN, Roles.MONITOR})
    @Operation(operationId = "getSchedule", summary = "A schedule: configuration, state, last run, next fire times")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "404", description = "No such schedule")
    public ScheduleVo get(@PathParam("businessKey") String businessKey) {
        return schedules.get(businessKey);
    }

    @PUT
    @Path("/{businessKey}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.DATA_EXPORTER, Roles.ADMIN})
    @Operation(
            operationId = "editSchedule",
            summary = "editExport: 200 applied, 202 applied when the run in " + "progress returns, 409 when cancelled")
    @APIResponse(
            responseCode = "200",
            description = "Applied",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ScheduleVo.class)))
    @APIResponse(
            responseCode = "202",
            description = "Kept until the run in progress returns (pendingConfiguration)",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ScheduleVo.class)))
    @APIResponse(responseCode = "400", description = ExporterApiDocs.REJECTED_SCHEDULE)
    @APIResponse(responseCode = "404", description = "No such schedule")
    @APIResponse(responseCode = "409", description = "The schedule is cancelled or being cancelled")
    public Response edit(@PathParam("businessKey") String businessKey, ScheduleRequest request) {
        return answer(schedules.edit(businessKey, request, user()));
    }

    @POST
    @Path("/{businessKey}/messages/editExport")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.DATA_EXPORTER, Roles.ADMIN})
    @Operation(operationId = "editExportMessage", summary = "The editExport message (same as PUT)")
    @APIResponse(
            responseCode = "200",
            description = "Applied",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ScheduleVo.class)))
    @APIResponse(
            responseCode = "202",
            description = "Kept until the run in progress returns (pendingConfiguration)",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ScheduleVo.class)))
    @APIResponse(responseCode = "400", description = ExporterApiDocs.REJECTED_SCHEDULE)
    @APIResponse(responseCode = "404", description = "No such schedule")
    @APIResponse(responseCode = "409", description = "The schedule is cancelled or being cancelled")
    public Response editExport(@PathParam("businessKey") String businessKey, ScheduleRequest request) {
        return edit(businessKey, request);
    }

    @DELETE
    @Path("/{businessKey}")
    @RolesAllowed({Roles.DATA_EXPORTER, Roles.ADMIN})
    @Operation(
            operationId = "cancelSchedule",
            summary = "cancelExport: 200 cancelled (again: no-op), 202 cancelled " + "when the run in progress returns")
    @APIResponse(
            responseCode = "200",
            description = "Cancelled (a repeated cancel is a no-op)",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ScheduleVo.class)))
    @APIResponse(
            responseCode = "202",
            description = "Cancelled when the run in progress returns (cancelRequested)",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ScheduleVo.class)))
    @APIResponse(responseCode = "404", description = "No such schedule")
    public Response cancel(@PathParam("businessKey") String businessKey) {
        return answer(schedules.cancel(businessKey));
    }

    @POST
    @Path("/{businessKey}/messages/cancelExport")
    @RolesAllowed({Roles.DATA_EXPORTER, Roles.ADMIN})
    @Operation(operationId = "cancelExportMessage", summary = "The cancelExport message (same as DELETE)")
    @APIResponse(
            responseCode = "200",
            description = "Cancelled (a repeated cancel is a no-op)",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ScheduleVo.class)))
    @APIResponse(
            responseCode = "202",
            description = "Cancelled when the run in progress returns (cancelRequested)",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ScheduleVo.class)))
    @APIResponse(responseCode = "404", description = "No such schedule")
    public Response cancelExport(@PathParam("businessKey") String businessKey) {
        return cancel(businessKey);
    }

    @POST
    @Path("/{businessKey}/run")
    @RolesAllowed({Roles.DATA_EXPORTER, Roles.ADMIN})
    @Operation(
            operationId = "runSchedule",
            summary = "startExport sent by a user: exports now; 200 with the run, "
                    + "422 when the export failed (recorded and audited), 409 when cancelled or running")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "404", description = "No such schedule")
    @APIResponse(responseCode = "409", description = "The schedule is cancelled or running")
    @APIResponse(responseCode = "422", description = ExporterApiDocs.EXPORT_FAILED)
    public RunVo run(@PathParam("businessKey") String businessKey) {
        RunVo run = exports.runNow(businessKey, user());
        if (!"SUCCEEDED".equals(run.outcome())) {
            throw ExporterRule.EXPORT_FAILED.refusal(
                    "Run " + run.runId() + " of export schedule " + businessKey + " failed: " + run.error());
        }
        return run;
    }

    @POST
    @Path("/{businessKey}/messages/startExport")
    @RolesAllowed({Roles.DATA_EXPORTER, Roles.ADMIN})
    @Operation(operationId = "startExportMessage", summary = "The startExport message (same as POST .../run)")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "404", description = "No such schedule")
    @APIResponse(responseCode = "409", description = "The schedule is cancelled or running")
    @APIResponse(responseCode = "422", description = ExporterApiDocs.EXPORT_FAILED)
    public RunVo startExport(@PathParam("businessKey") String businessKey) {
        return run(businessKey);
    }

    @GET
    @Path("/{businessKey}/history/configs")
    @RolesAllowed({Roles.DATA_EXPORTER, Roles.ADMIN, Roles.MONITOR})
    @Operation(operationId = "configHistory", summary = "The schedule's configurations, newest (in use) first")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "400", description = ExporterApiDocs.BAD_PAGE)
    @APIResponse(responseCode = "404", description = "No such schedule")
    public PageVo<HistoryEventVo> configs(
            @PathParam("businessKey") String businessKey,
            @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue(Paging.DEFAULT_SIZE) int size) {
        return histories.configs(businessKey, Paging.page(page), Paging.size(size));
    }

    @GET
    @Path("/{businessKey}/history/audit")
    @RolesAllowed({Roles.DATA_EXPORTER, Roles.ADMIN, Roles.MONITOR})
    @Operation(operationId = "auditHistory", summary = "The schedule's runs, newest first")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "400", description = ExporterApiDocs.BAD_PAGE)
    @APIResponse(responseCode = "404", description = "No such schedule")
    public PageVo<HistoryEventVo> audit(
            @PathParam("businessKey") String businessKey,
            @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue(Paging.DEFAULT_SIZE) int size) {
        return histories.audits(businessKey, Paging.page(page), Paging.size(size));
    }

    private static Response answer(Schedules.MessageResult result) {
        return Response.status(result.deferred() ? Response.Status.ACCEPTED : Response.Status.OK)
                .entity(result.schedule())
                .build();
    }

    private String user() {
        return identity.getPrincipal().getName();
    }
}
