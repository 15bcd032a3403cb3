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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.bdisuite.batchadmin.api.DataSetSkip;
import org.bdisuite.batchadmin.api.DataSetStateVo;
import org.bdisuite.batchadmin.service.DataSetConsole;
import org.bdisuite.batchadmin.service.DataSetStates;
import org.bdisuite.batchadmin.service.DataSetStates.Kind;
import org.bdisuite.model.Roles;
import org.bdisuite.runtime.console.ConsolePage;
import org.bdisuite.runtime.console.ConsoleRedirects;
import org.bdisuite.runtime.console.ConsoleUser;

/**
 * The Data sets page: the newest outbound and received data sets per interface module with their states (FAILED
 * with its cause, time and execution; SKIPPED with who and why; a PENDING set that waits for a FAILED one), and, for
 * an administrator, retry and skip of a FAILED set. The actions run through {@link DataSetStates}, the same rules
 * and audit as the Data Service's {@code POST /data/dataset/{kind}/{id}/retry | skip}.
 */
@ConsolePage
@Path("/console/data-sets")
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.MONITOR})
public class DataSetsPage {

    static final int SETS_PER_KIND = 50;
    private static final String PAGE = "/console/data-sets";

    private final Template dataSets;
    private final DataSetConsole console;
    private final DataSetStates states;
    private final ConsoleUser user;

    public DataSetsPage(
            @Location("console/data-sets.html") Template dataSets,
            DataSetConsole console,
            DataSetStates states,
            ConsoleUser user) {
        this.dataSets = dataSets;
        this.console = console;
        this.states = states;
        this.user = user;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page() {
        return dataSets.data("outbound", console.newest(Kind.DOWNLOADER, SETS_PER_KIND))
                .data("received", console.newest(Kind.UPLOADER, SETS_PER_KIND));
    }

    @POST
    @Path("/{kind}/{id}/retry")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.ADMIN)
    public Response retry(@PathParam("kind") String kind, @PathParam("id") long id) {
        return ConsoleRedirects.after(PAGE, () -> {
            DataSetStateVo retried = states.retry(kind, id, user.getName());
            return "Data set " + id + " of " + retried.interfaceModule() + " retried: it is " + retried.state()
                    + " and the next run of its job takes it";
        });
    }

    @POST
    @Path("/{kind}/{id}/skip")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.ADMIN)
    public Response skip(@PathParam("kind") String kind, @PathParam("id") long id, @FormParam("reason") String reason) {
        return ConsoleRedirects.after(PAGE, () -> {
            DataSetStateVo skipped = states.skip(kind, id, new DataSetSkip(reason), user.getName());
            return "Data set " + id + " of " + skipped.interfaceModule() + " skipped: it is " + skipped.state()
                    + " and the later sets of its module go on without it";
        });
    }
}
