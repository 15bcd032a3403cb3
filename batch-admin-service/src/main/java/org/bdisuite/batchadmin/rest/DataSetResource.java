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

/** The spec's Data Service (Table 3-4), JSON or XML. */
@Path("/data/dataset")
@Produces({MediaType.APPLICATION_JSON, MediaType.APPLICATION_XML})
@RolesAllowed({Roles.MONITOR, Roles.OPERATOR, Roles.ADMIN})
public class DataSetResource {

    private final DataSets dataSets;

    public DataSetResource(DataSets dataSets) {
        this.dataSets = dataSets;
    }

    @GET
    @Path("/{jobName}/executions/{jobExecutionId}")
    @Operation(operationId = "getDataSetByExecution", summary = "Gets a data set based on job name and job execution id")
    public JobDataSetVo byExecution(@PathParam("jobName") String jobName, @PathParam("jobExecutionId") String jobExecutionId) {
        return dataSets.forExecution(jobName, id("jobExecutionId", jobExecutionId));
    }

    @GET
    @Path("/{jobName}/instances/{jobInstanceId}")
    @Operation(operationId = "getDataSetByInstance", summary = "Gets a data set based on job name and job instance id")
    public JobDataSetVo byInstance(@PathParam("jobName") String jobName, @PathParam("jobInstanceId") String jobInstanceId) {
        return dataSets.forInstance(jobName, id("jobInstanceId", jobInstanceId));
    }

    @GET
    @Path("/{jobName}/nextPending")
    @Operation(operationId = "getNextPendingDataSet", summary = "Gets next pending data set based on job name")
    public JobDataSetVo nextPending(@PathParam("jobName") String jobName) {
        return dataSets.nextPending(jobName);
    }

    /** The spec prints this path without the slash: {@code /data/dataset/{jobName}nextPending}. */
    @GET
    @Path("/{jobName: [^/]+?}nextPending")
    @Operation(operationId = "getNextPendingDataSetAsPrinted", summary = "The same, at the path as the spec prints it")
    public JobDataSetVo nextPendingAsPrinted(@PathParam("jobName") String jobName) {
        return dataSets.nextPending(jobName);
    }

    private static long id(String name, String value) {
        return PathIds.id(name, value);
    }
}
