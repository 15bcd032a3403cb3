package org.bdisuite.batchadmin.console;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.bdisuite.batchadmin.service.BatchOperations;
import org.bdisuite.batchadmin.service.JobConsole;
import org.bdisuite.batchadmin.service.JobParameters;
import org.bdisuite.model.Roles;
import org.bdisuite.runtime.console.ConsolePage;
import org.bdisuite.runtime.console.ConsoleRedirects;
import org.bdisuite.runtime.error.InvalidRequestException;

/**
 * The Jobs page: the jobs with their last status and a start form, the executions with filters and keyset paging,
 * and one execution with its steps and the actions its state allows. The actions run through
 * {@link BatchOperations}, the same rules as the REST API's.
 */
@ConsolePage
@Path("/console/jobs")
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.MONITOR})
public class JobsPage {

    static final int PAGE_SIZE = 25;
    static final List<String> STATUSES =
            List.of("STARTING", "STARTED", "STOPPING", "STOPPED", "FAILED", "COMPLETED", "ABANDONED");

    private final Template jobsTemplate;
    private final Template executionTemplate;
    private final Template progressTemplate;
    private final JobConsole jobs;
    private final BatchOperations operations;

    public JobsPage(
            @Location("console/jobs.html") Template jobsTemplate,
            @Location("console/execution.html") Template executionTemplate,
            @Location("console/execution-progress.html") Template progressTemplate,
            JobConsole jobs,
            BatchOperations operations) {
        this.jobsTemplate = jobsTemplate;
        this.executionTemplate = executionTemplate;
        this.progressTemplate = progressTemplate;
        this.jobs = jobs;
        this.operations = operations;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance list(
            @QueryParam("job") String job,
            @QueryParam("status") String status,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("after") Long after) {
        List<String> statuses = status == null || status.isBlank() ? List.of() : List.of(status);
        return jobsTemplate
                .data("jobs", jobs.jobs())
                .data("statuses", STATUSES)
                .data("job", job == null ? "" : job)
                .data("status", status == null ? "" : status)
                .data("from", from == null ? "" : from)
                .data("to", to == null ? "" : to)
                .data("executions", jobs.executions(job, statuses, utc("from", from), utc("to", to), after, PAGE_SIZE));
    }

    @GET
    @Path("/executions/{id}")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance execution(@PathParam("id") long id) {
        JobConsole.ExecutionWithProgress execution = jobs.executionWithProgress(id);
        return executionTemplate.data("execution", execution.execution()).data("progress", execution.progress());
    }

    /** The part of an execution's page that refreshes itself while it runs (htmx polls it). */
    @GET
    @Path("/executions/{id}/progress")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance progress(@PathParam("id") long id) {
        JobConsole.ExecutionWithProgress execution = jobs.executionWithProgress(id);
        return progressTemplate.data("execution", execution.execution()).data("progress", execution.progress());
    }

    @POST
    @Path("/start")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    public Response start(@FormParam("jobName") String jobName, @FormParam("jobParameters") String parameters) {
        return ConsoleRedirects.orBackTo("/console/jobs", () -> {
            long id = operations
                    .start(jobName, JobParameters.parse(blankToNull(parameters)))
                    .executionId();
            return ConsoleRedirects.seeOther("/console/jobs/executions/" + id, "notice", "Started " + jobName);
        });
    }

    @POST
    @Path("/executions/{id}/restart")
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    public Response restart(@PathParam("id") long id) {
        return ConsoleRedirects.orBackTo("/console/jobs/executions/" + id, () -> {
            long restarted = operations.restart(id, JobParameters.parse(null)).executionId();
            return ConsoleRedirects.seeOther(
                    "/console/jobs/executions/" + restarted, "notice", "Restarted execution " + id);
        });
    }

    @POST
    @Path("/executions/{id}/stop")
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    public Response stop(@PathParam("id") long id) {
        return ConsoleRedirects.after("/console/jobs/executions/" + id, () -> {
            operations.stop(id);
            return "Stopping execution " + id;
        });
    }

    @POST
    @Path("/executions/{id}/abandon")
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    public Response abandon(@PathParam("id") long id) {
        return ConsoleRedirects.after("/console/jobs/executions/" + id, () -> {
            operations.abandon(id);
            return "Abandoned execution " + id;
        });
    }

    /** A datetime-local field's value, read as UTC (the form says so). */
    private static OffsetDateTime utc(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(value.trim()).atOffset(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw InvalidRequestException.forField(field, "must be a date and time such as 2026-01-31T14:30");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
