package org.bdisuite.launcher.demo;

import java.net.URI;
import java.util.Set;

/**
 * The destination {@code receiver} of the pipeline's transporter: the local receiver-service, signed in to as the
 * demo's administrator. Stored through batch-admin's API (the password sealed there) only when there is none, so a
 * destination an administrator changed stays as it is.
 */
final class ReceiverDestinationStep implements DemoStep {

    static final String DESTINATION = "receiver";
    private static final String BATCH_ADMIN = "batch-admin-service";
    private static final String RECEIVER = "receiver-service";

    @Override
    public String description() {
        return "destination '" + DESTINATION + "' of the transporter (the local receiver-service)";
    }

    @Override
    public void apply(DemoContext ctx) throws Exception {
        URI batchAdmin = ctx.serviceUrls().get(BATCH_ADMIN);
        URI receiver = ctx.serviceUrls().get(RECEIVER);
        if (batchAdmin == null || receiver == null) {
            ctx.report("  skipped: no batch-admin-service or receiver-service in this run");
            return;
        }
        AdminApi api = new AdminApi(batchAdmin, ctx.adminUser(), ctx.adminPassword());
        String path = "/system-setting/destinations/" + DESTINATION;
        if (api.send("GET", path, null).status() == 200) {
            ctx.report("  destination " + DESTINATION + " was already there");
            return;
        }
        String root = receiver.toString().endsWith("/") ? receiver.toString() : receiver + "/";
        api.call(
                "PUT",
                path,
                "{\"url\":\"" + AdminApi.json(root) + "\",\"username\":\"" + AdminApi.json(ctx.adminUser())
                        + "\",\"password\":\"" + AdminApi.json(ctx.adminPassword())
                        + "\",\"description\":\"the local receiver-service (./suite --demo)\"}",
                Set.of(200));
        ctx.report("  stored destination " + DESTINATION + ": " + root + " as " + ctx.adminUser());
    }
}
