package org.bdisuite.batchadmin.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.bdisuite.batchadmin.api.JobDataSetVo;
import org.bdisuite.batchadmin.service.DataSets;
import org.bdisuite.model.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The spec's Data Service (Table 3-4), JSON or XML. */
@Path("/data/dataset")
@Produces({MediaType.APPLICATION_JSON, MediaType.APPLICATION_XML})
@RolesAllowed({Roles.MONITOR, Roles.OPERATOR, Roles.ADMIN})
@Tag(name = BatchApiDocs.DATA)
public class DataSetResource {

    private final DataSets dataSets;

    public DataSetResource(DataSets dataSets) {
        this.dataSets = dataSets;
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
