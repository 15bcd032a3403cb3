package org.bdisuite.launcher.demo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Base64;
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
        try (PreparedStatement query = ctx.connection().prepareStatement("SELECT business_key FROM exporter_schedule"
                + " WHERE configuration ->> 'description' = ? AND state <> 'CANCELLED'")) {
            query.setString(1, DESCRIPTION);
            try (ResultSet rows = query.executeQuery()) {
                if (rows.next()) {
                    ctx.report("  schedule " + rows.getString(1) + " was already there");
                    return;
                }
            }
        }
        Api api = new Api(exporter, ctx.adminUser(), ctx.adminPassword());
        DemoContext.LocalSftp sftp = ctx.sftp();
        api.call("POST", "/exporter/sftp-details", "{\"key\":\"" + SFTP_KEY + "\",\"host\":\"" + json(sftp.host())
                + "\",\"port\":" + sftp.port() + ",\"username\":\"" + json(sftp.user()) + "\",\"password\":\""
                + json(sftp.password()) + "\",\"hostKeyFingerprint\":\"" + json(sftp.hostKeyFingerprint())
                + "\",\"remoteDirectory\":\"/\"}", Set.of(201, 409));
        String created = api.call("POST", "/exporter/schedules", "{\"description\":\"" + DESCRIPTION + "\","
                + "\"dataSource\":\"sampleAppointments\",\"fileType\":\"CSV\",\"operations\":[\"EMAIL\",\"SFTP\"],"
                + "\"recipients\":[{\"address\":\"" + RECIPIENT + "\",\"name\":\"Demo\"}],"
                + "\"sftpDetailsKey\":\"" + SFTP_KEY + "\",\"frequency\":{\"type\":\"daily\"}}", Set.of(201));
        String businessKey = created.replaceAll("(?s).*\"businessKey\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        api.call("POST", "/exporter/schedules/" + businessKey + "/run", null, Set.of(200));
        ctx.report("  created schedule " + businessKey + " and ran it once: a mail to " + RECIPIENT
                + " in the SMTP sink and a CSV file on the SFTP server");
    }

    private static String json(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /** The exporter's API as the admin. */
    private record Api(URI base, String user, String password) {

        String call(String method, String path, String body, Set<Integer> expected) throws Exception {
            HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofMinutes(2))
                    .header("Authorization", "Basic " + Base64.getEncoder()
                            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body)).build();
            HttpResponse<String> response = HttpClient.newHttpClient().send(request,
                    HttpResponse.BodyHandlers.ofString());
            if (!expected.contains(response.statusCode())) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return response.body();
        }
    }
}
