package org.bdisuite.batchadmin.console;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.bdisuite.batchadmin.service.JobConsole;
import org.bdisuite.model.Roles;
import org.bdisuite.runtime.console.ConsolePage;

/**
 * The Data sets page, read-only: the data sets (interface module and data control) that the recent executions
 * worked on, with their states. Retrying or skipping a failed hand-over waits for the operability work that adds
 * those actions to the Data Service.
 */
@ConsolePage
@Path("/console/data-sets")
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.MONITOR})
public class DataSetsPage {

    private final Template dataSets;
    private final JobConsole jobs;

    public DataSetsPage(@Location("console/data-sets.html") Template dataSets, JobConsole jobs) {
        this.dataSets = dataSets;
        this.jobs = jobs;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page() {
        return dataSets.data("rows", jobs.recentDataSets(50));
    }
}
