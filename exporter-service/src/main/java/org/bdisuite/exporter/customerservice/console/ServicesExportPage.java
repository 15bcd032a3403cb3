package org.bdisuite.exporter.customerservice.console;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bdisuite.exporter.customerservice.api.CustomerServiceSelection;
import org.bdisuite.exporter.customerservice.api.FileJobVo;
import org.bdisuite.exporter.customerservice.service.CustomerServicesDataSource;
import org.bdisuite.exporter.customerservice.service.FileJobs;
import org.bdisuite.exporter.schedule.service.DataSourcePreviews;
import org.bdisuite.model.Roles;
import org.bdisuite.runtime.console.ConsolePage;
import org.bdisuite.runtime.console.ConsoleRedirects;
import org.bdisuite.runtime.error.InvalidRequestException;
import org.bdisuite.runtime.error.SuiteException;

/**
 * The services export (Genesys): a time range and the two filters (the form, like the service, refuses
 * {@code completed} with {@code active}), a preview of the first rows of the stream, and a file job whose progress
 * bar follows the rows written until it succeeds, with its parts to download.
 */
@ConsolePage
@Path("/console/exporter/services")
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.MONITOR, Roles.DATA_EXPORTER})
public class ServicesExportPage {

    private static final int PREVIEW_ROWS = 5;

    @Inject
    @Location("console/services.html")
    Template page;

    @Inject
    @Location("console/file-job.html")
    Template jobPage;

    @Inject
    @Location("console/file-job-progress.html")
    Template progress;

    @Inject
    @Location("console/preview.html")
    Template preview;

    private final FileJobs fileJobs;
    private final DataSourcePreviews previews;
    private final SecurityIdentity identity;

    public ServicesExportPage(FileJobs fileJobs, DataSourcePreviews previews, SecurityIdentity identity) {
        this.fileJobs = fileJobs;
        this.previews = previews;
        this.identity = identity;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance form() {
        return page.instance();
    }

    @POST
    @Path("/preview")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance preview(MultivaluedMap<String, String> fields) {
        try {
            Map<String, String> parameters = selection(fields).parameters();
            return preview.data("preview", previews.preview(CustomerServicesDataSource.NAME, PREVIEW_ROWS, parameters))
                    .data("problem", null);
        } catch (SuiteException refused) {
            return preview.data("preview", null).data("problem", refused.getMessage());
        }
    }

    @POST
    @Path("/files")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response createFileJob(MultivaluedMap<String, String> fields) {
        return ConsoleRedirects.orBackTo("/console/exporter/services", () -> {
            FileJobVo job = fileJobs.create(
                    selection(fields),
                    FileJobs.format(fields.getFirst("format")),
                    identity.getPrincipal().getName());
            return ConsoleRedirects.seeOther(
                    "/console/exporter/services/files/" + job.jobId(), "notice", "File job started");
        });
    }

    @GET
    @Path("/files/{jobId}")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance fileJob(@PathParam("jobId") String jobId) {
        FileJobVo job = fileJobs.get(jobId);
        return jobPage.data("job", job).data("total", fileJobs.total(jobId));
    }

    /** The part of a file job's page that refreshes itself until the job ends (htmx polls it). */
    @GET
    @Path("/files/{jobId}/progress")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance progress(@PathParam("jobId") String jobId, @QueryParam("total") Long total) {
        FileJobVo job = fileJobs.get(jobId);
        // The total the page counted when it opened comes back with each refresh (a display value only: the rows
        // written are the job's own); without it, it is counted now.
        long shownTotal = total == null || total < 0 ? fileJobs.total(jobId) : total;
        return progress.data("job", job).data("total", Math.max(shownTotal, job.rowsWritten()));
    }

    @GET
    @Path("/files/{jobId}/{name}")
    public Response download(@PathParam("jobId") String jobId, @PathParam("name") String name) {
        FileJobs.Download file = fileJobs.download(jobId, name);
        String type = name.endsWith(".csv") ? "text/csv; charset=UTF-8" : MediaType.APPLICATION_JSON;
        return Response.ok(file.path().toFile(), type)
                .header("Content-Disposition", "attachment; filename=\"" + file.name() + "\"")
                .build();
    }

    /** The form's fields as the API's query parameters (times are entered in UTC), checked by the service's rules. */
    private static CustomerServiceSelection selection(MultivaluedMap<String, String> fields) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put(
                CustomerServiceSelection.TIME_FROM, utc(CustomerServiceSelection.TIME_FROM, fields.getFirst("from")));
        parameters.put(CustomerServiceSelection.TIME_TO, utc(CustomerServiceSelection.TIME_TO, fields.getFirst("to")));
        parameters.put(CustomerServiceSelection.FILTER_EVENTS, fields.getFirst("events"));
        parameters.put(CustomerServiceSelection.FILTER_STATE, fields.getFirst("state"));
        return CustomerServiceSelection.parse(parameters);
    }

    private static String utc(String field, String value) {
        if (value == null || value.isBlank()) {
            throw InvalidRequestException.forField(field, "is required: a date and time in UTC");
        }
        try {
            return LocalDateTime.parse(value.strip()).atOffset(ZoneOffset.UTC).toString();
        } catch (DateTimeParseException e) {
            throw InvalidRequestException.forField(field, "must be a date and time such as 2026-01-31T14:30");
        }
    }
}
