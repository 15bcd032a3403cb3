package org.bdisuite.batchadmin.rest;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.bdisuite.batchadmin.api.DataSetSkip;
import org.bdisuite.batchadmin.api.DataSetStateVo;
import org.bdisuite.batchadmin.api.JobDataSetVo;
import org.bdisuite.batchadmin.service.DataSetStates;
import org.bdisuite.batchadmin.service.DataSets;
import org.bdisuite.model.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The spec's Data Service (Table 3-4), JSON or XML, plus the data sets' states and the administrators' actions on a
 * FAILED one (retry, skip).
 */
@Path("/data/dataset")
@Produces({MediaType.APPLICATION_JSON, MediaType.APPLICATION_XML})
@RolesAllowed({Roles.MONITOR, Roles.OPERATOR, Roles.ADMIN})
@Tag(name = BatchApiDocs.DATA)
public class DataSetResource {

    private final DataSets dataSets;
    private final DataSetStates states;
    private final SecurityIdentity identity;

    public DataSetResource(DataSets dataSets, DataSetStates states, SecurityIdentity identity) {
        this.dataSets = dataSets;
        this.states = states;
        this.identity = identity;
    }

    @GET
    @Path("/{dataSetKind}/{dataSetId}/state")
    @Operation(
            operationId = "getDataSetState",
            summary = "A data set's state (PENDING, SENT / LOADED, FAILED with its cause, SKIPPED) and the last"
                    + " operator action")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "400", description = BatchApiDocs.BAD_DATA_SET)
    @APIResponse(responseCode = "404", description = "no-data-set")
    public DataSetStateVo state(@PathParam("dataSetKind") String kind, @PathParam("dataSetId") String dataSetId) {
        return states.view(kind, id("dataSetId", dataSetId));
    }

    @POST
    @Path("/{dataSetKind}/{dataSetId}/retry")
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            operationId = "retryDataSet",
            summary = "Retries a FAILED data set after a fix: it is PENDING again and the next run of its job takes"
                    + " it; retrying a retried set answers the same")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "400", description = BatchApiDocs.BAD_DATA_SET)
    @APIResponse(responseCode = "404", description = "no-data-set")
    @APIResponse(
            responseCode = "409",
            description = "data-set-not-failed (PENDING, SENT or LOADED), data-set-skipped (a skipped set)")
    public DataSetStateVo retry(@PathParam("dataSetKind") String kind, @PathParam("dataSetId") String dataSetId) {
        return states.retry(
                kind, id("dataSetId", dataSetId), identity.getPrincipal().getName());
    }

    @POST
    @Path("/{dataSetKind}/{dataSetId}/skip")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            operationId = "skipDataSet",
            summary = "Skips a FAILED data set with a reason: SKIPPED, and the later sets of its interface module"
                    + " go on without it; skipping a skipped set answers the same")
    @APIResponse(responseCode = "200")
    @APIResponse(
            responseCode = "400",
            description = BatchApiDocs.BAD_DATA_SET + "; no reason, or one over 1000 characters or with control"
                    + " characters")
    @APIResponse(responseCode = "404", description = "no-data-set")
    @APIResponse(responseCode = "409", description = "data-set-not-failed (PENDING, SENT or LOADED)")
    @APIResponse(responseCode = "415", description = BatchApiDocs.NOT_JSON)
    public DataSetStateVo skip(
            @PathParam("dataSetKind") String kind,
            @PathParam("dataSetId") String dataSetId,
            @NotNull DataSetSkip skip) {
        return states.skip(
                kind, id("dataSetId", dataSetId), skip, identity.getPrincipal().getName());
    }

    @GET
    @Path("/{jobName}/executions/{jobExecutionId}")
    @Operation(
            operationId = "getDataSetByExecution",
            summary = "Gets a data set based on job name and job execution id")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "400", description = BatchApiDocs.BAD_ID)
    @APIResponse(responseCode = "404", description = "No such execution of that job, or it has no data set")
    public JobDataSetVo byExecution(
            @PathParam("jobName") String jobName, @PathParam("jobExecutionId") String jobExecutionId) {
        return dataSets.forExecution(jobName, id("jobExecutionId", jobExecutionId));
    }

    @GET
    @Path("/{jobName}/instances/{jobInstanceId}")
    @Operation(operationId = "getDataSetByInstance", summary = "Gets a data set based on job name and job instance id")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "400", description = BatchApiDocs.BAD_ID)
    @APIResponse(responseCode = "404", description = "No such instance of that job, or it has no data set")
    public JobDataSetVo byInstance(
            @PathParam("jobName") String jobName, @PathParam("jobInstanceId") String jobInstanceId) {
        return dataSets.forInstance(jobName, id("jobInstanceId", jobInstanceId));
    }

    @GET
    @Path("/{jobName}/nextPending")
    @Operation(operationId = "getNextPendingDataSet", summary = "Gets next pending data set based on job name")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "400", description = BatchApiDocs.NOT_A_PIPELINE_JOB)
    @APIResponse(responseCode = "404", description = "no-pending-data-set")
    public JobDataSetVo nextPending(@PathParam("jobName") String jobName) {
        return dataSets.nextPending(jobName);
    }

    /** The spec prints this path without the slash: {@code /data/dataset/{jobName}nextPending}. */
    @GET
    @Path("/{jobName: [^/]+?}nextPending")
    @Operation(operationId = "getNextPendingDataSetAsPrinted", summary = "The same, at the path as the spec prints it")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "400", description = BatchApiDocs.NOT_A_PIPELINE_JOB)
    @APIResponse(responseCode = "404", description = "no-pending-data-set")
    public JobDataSetVo nextPendingAsPrinted(@PathParam("jobName") String jobName) {
        return dataSets.nextPending(jobName);
    }

    private static long id(String name, String value) {
        return PathIds.id(name, value);
    }
}
