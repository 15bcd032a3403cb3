package org.bdisuite.batchadmin.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.bdisuite.batchadmin.api.ExecutionIdVo;
import org.bdisuite.batchadmin.api.JobExecutionVo;
import org.bdisuite.batchadmin.api.JobExecutionsVo;
import org.bdisuite.batchadmin.api.JobInstanceExecutionsVo;
import org.bdisuite.batchadmin.api.JobInstancesVo;
import org.bdisuite.batchadmin.api.JobXmlFilesVo;
import org.bdisuite.batchadmin.api.JobsVo;
import org.bdisuite.batchadmin.api.StepExecutionVo;
import org.bdisuite.batchadmin.api.StepExecutionsVo;
import org.bdisuite.batchadmin.api.StoppedExecutionsVo;
import org.bdisuite.batchadmin.service.BatchOperations;
import org.bdisuite.batchadmin.service.BatchViews;
import org.bdisuite.batchadmin.service.ExecutionRules;
import org.bdisuite.batchadmin.service.JobParameters;
import org.bdisuite.model.Roles;
import org.bdisuite.runtime.error.InvalidRequestException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The spec's Batch Service (Table 3-3) at its paths, JSON or XML by the Accept header, plus abandon. Reading is
 * for every role; starting, stopping, restarting and abandoning for operators and administrators.
 */
@Path("/batch/jobs")
@Produces({MediaType.APPLICATION_JSON, MediaType.APPLICATION_XML})
@RolesAllowed({Roles.MONITOR, Roles.OPERATOR, Roles.ADMIN})
@Tag(name = BatchApiDocs.BATCH)
public class BatchJobResource {

    private final BatchViews views;
    private final BatchOperations operations;

    public BatchJobResource(BatchViews views, BatchOperations operations) {
        this.views = views;
        this.operations = operations;
    }

    @GET
    @Operation(operationId = "getJobs", summary = "Gets all available batch jobs")
    public JobsVo jobs(@Context UriInfo uri) {
        return views.jobs(uri.getBaseUri());
    }

    @GET
    @Path("/job-def-xml-files")
    @Operation(operationId = "getJobXmlFiles", summary = "Gets all job xml files")
    public JobXmlFilesVo jobXmlFiles() {
        return views.jobXmlFiles();
    }

    @GET
    @Path("/executions")
    @Operation(operationId = "getExecutions", summary = "Gets all executions, newest first, paged and filtered")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "400", description = BatchApiDocs.BAD_LIST)
    public JobExecutionsVo executions(@BeanParam ListParameters list, @Context UriInfo uri) {
        return views.executions(list.filter(), list.page(), uri.getBaseUri());
    }

    @GET
    @Path("/currently-running-jobs")
    @Operation(
            operationId = "getRunningExecutions",
            summary = "Gets currently running (STARTING or STARTED) executions")
    @APIResponse(responseCode = "200")
    @APIResponse(
            responseCode = "400",
            description = BatchApiDocs.BAD_LIST + " (or a status that is not STARTING / STARTED)")
    public JobExecutionsVo running(@BeanParam ListParameters list, @Context UriInfo uri) {
        var filter = list.filter();
        var running = filter.statuses().isEmpty()
                ? ExecutionRules.RUNNING
                : filter.statuses().stream()
                        .filter(ExecutionRules.RUNNING::contains)
                        .toList();
        if (running.isEmpty()) {
            throw InvalidRequestException.forField("status", "running executions are STARTING or STARTED");
        }
        return views.executions(filter.withStatuses(running), list.page(), uri.getBaseUri());
    }

    @GET
    @Path("/{jobName}")
    @Operation(operationId = "getJobInstances", summary = "Gets all instances for a job, newest first")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "400", description = BatchApiDocs.BAD_LIST)
    @APIResponse(responseCode = "404", description = BatchApiDocs.NO_JOB)
    public JobInstancesVo instances(
            @PathParam("jobName") String jobName, @BeanParam ListParameters list, @Context UriInfo uri) {
        return views.instances(jobName, list.filter(), list.pageWithoutKeyset(), uri.getBaseUri());
    }

    @GET
    @Path("/{jobName}/executions")
    @Operation(operationId = "getJobExecutions", summary = "Gets all executions for a job, newest first")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "400", description = BatchApiDocs.BAD_LIST)
    @APIResponse(responseCode = "404", description = BatchApiDocs.NO_JOB)
    public JobExecutionsVo jobExecutions(
            @PathParam("jobName") String jobName, @BeanParam ListParameters list, @Context UriInfo uri) {
        return views.executions(list.filter().forJob(jobName), list.page(), uri.getBaseUri());
    }

    @GET
    @Path("/{jobName}/{jobInstanceId}/executions")
    @Operation(operationId = "getJobInstanceExecutions", summary = "Gets job executions for a job instance")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "400", description = BatchApiDocs.BAD_ID + "; or " + BatchApiDocs.BAD_LIST)
    @APIResponse(responseCode = "404", description = "No such job, or no such instance of it")
    public JobInstanceExecutionsVo instanceExecutions(
            @PathParam("jobName") String jobName,
            @PathParam("jobInstanceId") String jobInstanceId,
            @BeanParam ListParameters list,
            @Context UriInfo uri) {
        return views.instanceExecutions(
                jobName, id("jobInstanceId", jobInstanceId), list.filter(), list.page(), uri.getBaseUri());
    }

    @GET
    @Path("/{jobName}/{jobExecutionId}")
    @Operation(
            operationId = "getJobInstanceAndExecution",
            summary = "Gets job instance and execution for a job execution id")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "400", description = BatchApiDocs.BAD_ID)
    @APIResponse(responseCode = "404", description = "No such execution of that job")
    public JobInstanceExecutionsVo status(
            @PathParam("jobName") String jobName,
            @PathParam("jobExecutionId") String jobExecutionId,
            @Context UriInfo uri) {
        return views.statusOf(jobName, id("jobExecutionId", jobExecutionId), uri.getBaseUri());
    }

    @POST
    @Path("/{jobName}")
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Operation(operationId = "startJob", summary = "Starts a job asynchronously; jobParameters=a=1,b=2")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "400", description = BatchApiDocs.BAD_JOB_PARAMETERS)
    @APIResponse(responseCode = "404", description = BatchApiDocs.NO_JOB)
    public ExecutionIdVo start(
            @PathParam("jobName") String jobName, @QueryParam("jobParameters") String jobParameters) {
        return operations.start(jobName, JobParameters.parse(jobParameters));
    }

    @POST
    @Path("/executions/{jobExecutionId}")
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Operation(
            operationId = "restartJobExecution",
            summary = "Restarts a stopped or failed job execution (the most recent of its instance)")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "400", description = BatchApiDocs.BAD_ID + "; or " + BatchApiDocs.BAD_JOB_PARAMETERS)
    @APIResponse(responseCode = "404", description = BatchApiDocs.NO_EXECUTION)
    @APIResponse(
            responseCode = "409",
            description =
                    "restart-running (strict mode: STARTING / STARTED / STOPPING; names the replica holding its lease), restart-not-stopped-or-failed, restart-abandoned, restart-not-most-recent, restart-job-not-restartable")
    public ExecutionIdVo restart(
            @PathParam("jobExecutionId") String jobExecutionId, @QueryParam("jobParameters") String jobParameters) {
        return operations.restart(id("jobExecutionId", jobExecutionId), JobParameters.parse(jobParameters));
    }

    @POST
    @Path("/executions/{jobExecutionId}/abandon")
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Operation(
            operationId = "abandonJobExecution",
            summary = "Marks an ended job execution ABANDONED (it never restarts)")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "400", description = BatchApiDocs.BAD_ID)
    @APIResponse(responseCode = "404", description = BatchApiDocs.NO_EXECUTION)
    @APIResponse(responseCode = "409", description = "abandon-running, abandon-abandoned")
    public ExecutionIdVo abandon(@PathParam("jobExecutionId") String jobExecutionId) {
        return operations.abandon(id("jobExecutionId", jobExecutionId));
    }

    @DELETE
    @Path("/executions")
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Operation(operationId = "stopAllJobExecutions", summary = "Stops all running job executions")
    public StoppedExecutionsVo stopAll() {
        return new StoppedExecutionsVo(operations.stopAll());
    }

    @DELETE
    @Path("/executions/{jobExecutionId}")
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Operation(operationId = "stopJobExecution", summary = "Stops a STARTING or STARTED job execution")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "400", description = BatchApiDocs.BAD_ID)
    @APIResponse(responseCode = "404", description = BatchApiDocs.NO_EXECUTION)
    @APIResponse(responseCode = "409", description = "stop-not-running: the execution is not STARTING or STARTED")
    public ExecutionIdVo stop(@PathParam("jobExecutionId") String jobExecutionId) {
        return operations.stop(id("jobExecutionId", jobExecutionId));
    }

    @GET
    @Path("/executions/{jobExecutionId}")
    @Operation(operationId = "getJobExecution", summary = "Gets an execution with its steps")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "400", description = BatchApiDocs.BAD_ID)
    @APIResponse(responseCode = "404", description = BatchApiDocs.NO_EXECUTION)
    public JobExecutionVo execution(@PathParam("jobExecutionId") String jobExecutionId, @Context UriInfo uri) {
        return views.execution(id("jobExecutionId", jobExecutionId), uri.getBaseUri());
    }

    @GET
    @Path("/executions/{jobExecutionId}/steps")
    @Operation(operationId = "getJobExecutionSteps", summary = "Gets execution steps")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "400", description = BatchApiDocs.BAD_ID)
    @APIResponse(responseCode = "404", description = BatchApiDocs.NO_EXECUTION)
    public StepExecutionsVo steps(@PathParam("jobExecutionId") String jobExecutionId) {
        return views.stepsOf(id("jobExecutionId", jobExecutionId));
    }

    @GET
    @Path("/executions/{jobExecutionId}/steps/{stepExecutionId}")
    @Operation(operationId = "getStepExecution", summary = "Gets step details")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "400", description = BatchApiDocs.BAD_ID)
    @APIResponse(responseCode = "404", description = "No such execution, or no such step of it")
    public StepExecutionVo step(
            @PathParam("jobExecutionId") String jobExecutionId, @PathParam("stepExecutionId") String stepExecutionId) {
        return views.step(id("jobExecutionId", jobExecutionId), id("stepExecutionId", stepExecutionId));
    }

    private static long id(String name, String value) {
        return PathIds.id(name, value);
    }
}
