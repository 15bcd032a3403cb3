package org.bdisuite.launcher.demo;

import java.net.URI;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Set;

/**
 * An export schedule of the demo appointments that delivers to the local SMTP sink and SFTP server: stores the
 * SFTP server as SFTP details (its host key pinned), creates a daily CSV schedule with EMAIL and SFTP, and runs it
 * once so that a mail and a file are there to look at. Goes through the exporter's API, as a user would.
 */
final class ExportScheduleStep implements DemoStep {

    static final String DESCRIPTION = "Demo: Registrars appointments";
    static final String SFTP_KEY = "local-sftp";
    static final String RECIPIENT = "demo@bdisuite.local";
    private static final String EXPORTER = "exporter-service";

    @Override
    public String description() {
        return "export schedule '" + DESCRIPTION + "' (daily CSV to the SMTP sink and the SFTP server)";
    }

    @Override
    public void apply(DemoContext ctx) throws Exception {
        URI exporter = ctx.serviceUrls().get(EXPORTER);
        if (exporter == null || ctx.sftp() == null) {
            ctx.report("  skipped: no exporter-service or SFTP server in this run");
            return;
        }
        try (PreparedStatement query = ctx.connection()
                .prepareStatement("SELECT business_key FROM exporter_schedule"
                        + " WHERE configuration ->> 'description' = ? AND state <> 'CANCELLED'")) {
            query.setString(1, DESCRIPTION);
            try (ResultSet rows = query.executeQuery()) {
                if (rows.next()) {
                    ctx.report("  schedule " + rows.getString(1) + " was already there");
                    return;
                }
            }
        }
        AdminApi api = new AdminApi(exporter, ctx.adminUser(), ctx.adminPassword());
        DemoContext.LocalSftp sftp = ctx.sftp();
        api.call(
                "POST",
                "/exporter/sftp-details",
                "{\"key\":\"" + SFTP_KEY + "\",\"host\":\"" + AdminApi.json(sftp.host())
                        + "\",\"port\":" + sftp.port() + ",\"username\":\"" + AdminApi.json(sftp.user())
                        + "\",\"password\":\""
                        + AdminApi.json(sftp.password()) + "\",\"hostKeyFingerprint\":\""
                        + AdminApi.json(sftp.hostKeyFingerprint())
                        + "\",\"remoteDirectory\":\"/\"}",
                Set.of(201, 409));
        String created = api.call(
                "POST",
                "/exporter/schedules",
                "{\"description\":\"" + DESCRIPTION + "\","
                        + "\"dataSource\":\"sampleAppointments\",\"fileType\":\"CSV\",\"operations\":[\"EMAIL\",\"SFTP\"],"
                        + "\"recipients\":[{\"address\":\"" + RECIPIENT + "\",\"name\":\"Demo\"}],"
                        + "\"sftpDetailsKey\":\"" + SFTP_KEY + "\",\"frequency\":{\"type\":\"daily\"}}",
                Set.of(201));
        String businessKey = created.replaceAll("(?s).*\"businessKey\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        api.call("POST", "/exporter/schedules/" + businessKey + "/run", null, Set.of(200));
        ctx.report("  created schedule " + businessKey + " and ran it once: a mail to " + RECIPIENT
                + " in the SMTP sink and a CSV file on the SFTP server");
    }
}
