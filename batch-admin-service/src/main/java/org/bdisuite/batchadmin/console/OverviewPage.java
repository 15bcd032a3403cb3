package org.bdisuite.batchadmin.console;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.bdisuite.batchadmin.service.JobConsole;
import org.bdisuite.model.Roles;
import org.bdisuite.runtime.console.ConsolePage;
import org.bdisuite.runtime.console.ConsoleUser;

/**
 * The console's landing page. Batch-admin owns the batch part (jobs, running executions, recent failures); the
 * receiver's and the exporter's parts are their own fragments, which the browser loads from them
 * ({@code /console/receiver/overview}, {@code /console/exporter/overview}) under the same host, so no service
 * calls another to draw this page and a service that is down shows as unreachable.
 */
@ConsolePage
@Path("/console")
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.MONITOR, Roles.DATA_EXPORTER})
public class OverviewPage {

    private final Template overview;
    private final Template runningTemplate;
    private final JobConsole jobs;
    private final ConsoleUser user;

    public OverviewPage(
            @Location("console/overview.html") Template overview,
            @Location("console/running-executions.html") Template runningTemplate,
            JobConsole jobs,
            ConsoleUser user) {
        this.overview = overview;
        this.runningTemplate = runningTemplate;
        this.jobs = jobs;
        this.user = user;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response page() {
        if (!user.isBdiReader()) {
            // A DATAEXPORTER sees only the export pages.
            return Response.seeOther(URI.create("/console/exporter/schedules")).build();
        }
        TemplateInstance page = overview.data("jobs", jobs.jobs())
                .data("running", jobs.running())
                .data("failures", jobs.recentFailures(5));
        return Response.ok(page).build();
    }

    /** The overview's running executions with their rows done of total (htmx polls it while any run). */
    @GET
    @Path("/running")
    @Produces(MediaType.TEXT_HTML)
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.MONITOR})
    public TemplateInstance running() {
        return runningTemplate.data("running", jobs.running());
    }
}
