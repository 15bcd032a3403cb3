package org.bdisuite.receiver.console;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.bdisuite.model.Roles;
import org.bdisuite.receiver.config.ReceiverConfig;
import org.bdisuite.receiver.service.TransactionConsole;
import org.bdisuite.runtime.console.ConsolePage;

/**
 * The Receiver page: transactions in progress with each transmission's block progress (refreshing itself), and
 * the recent completed and expired ones, and the receiver options per interface (base folder, merge strategy) that
 * the next transmission is stored with; plus the receiver's card on the Overview page. The options are changed on
 * batch-admin's Manage Configurations page (the System Setting Service writes them).
 */
@ConsolePage
@Path("/console/receiver")
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.MONITOR})
public class ReceiverPage {

    private static final int LIST_SIZE = 20;

    @Inject
    @Location("console/receiver.html")
    Template page;

    @Inject
    @Location("console/receiver-in-progress.html")
    Template inProgress;

    @Inject
    @Location("console/receiver-overview.html")
    Template overview;

    private final TransactionConsole transactions;
    private final String defaultBaseFolder;

    public ReceiverPage(TransactionConsole transactions, ReceiverConfig config) {
        this.transactions = transactions;
        this.defaultBaseFolder = config.baseFolder();
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page() {
        return page.data("inProgress", transactions.inProgress(LIST_SIZE * 5))
                .data("completed", transactions.completed(LIST_SIZE))
                .data("expired", transactions.expired(LIST_SIZE))
                .data("options", transactions.receiverOptions())
                .data("defaultBaseFolder", defaultBaseFolder);
    }

    /** The in-progress table alone, which the page polls while transactions are open. */
    @GET
    @Path("/in-progress")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance inProgress() {
        return inProgress.data("inProgress", transactions.inProgress(LIST_SIZE * 5));
    }

    /** The receiver's card on the Overview page (loaded by the browser into batch-admin's page). */
    @GET
    @Path("/overview")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance overview() {
        return overview.data("open", transactions.countInProgress());
    }
}
