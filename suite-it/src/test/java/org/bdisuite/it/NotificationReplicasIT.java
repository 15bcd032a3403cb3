package org.bdisuite.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bdisuite.test.ServiceProcess;
import org.bdisuite.test.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * Notifications with two batch-admin replicas as real processes on one database: one failed job execution gives
 * exactly one mail (GreenMail) and one signed webhook (a local HTTP receiver), however the two replicas' scans and
 * dispatch rounds interleave. The same promise is tested inside one JVM by batch-admin's NotificationTest; here the
 * replicas are separate JVMs with their own pools, schedulers and advisory-lock sessions, as in a deployment.
 */
class NotificationReplicasIT {

    private static final String ADMIN = "replicas-admin";
    private static final String ADMIN_PASSWORD = "replicas-admin-password-1";
    private static final String SECRET = "replicas-webhook-secret-0123456789";
    private static final String RECIPIENT = "ops@replicas.example.org";
    private static final Duration WAIT = Duration.ofMinutes(3);

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final List<String> webhookBodies = Collections.synchronizedList(new ArrayList<>());
    private final List<String> webhookSignatures = Collections.synchronizedList(new ArrayList<>());

    @Test
    void oneFailedExecutionSendsOneMailAndOneWebhookWithTwoReplicaProcesses() throws Exception {
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        HttpServer webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhook.createContext("/hooks/ops", exchange -> {
            webhookBodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            webhookSignatures.add(exchange.getRequestHeaders().getFirst("X-BDI-Signature-256"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        webhook.start();
        Path work = Files.createTempDirectory("notification-replicas");
        TestDatabase.Coordinates database = TestDatabase.createDatabase();
        Map<String, String> environment = ServiceProcess.suiteEnvironment(database, ADMIN, ADMIN_PASSWORD, work);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        environment.put("SUITE_SECRETS_KEY", Base64.getEncoder().encodeToString(key));
        environment.put("QUARKUS_MAILER_HOST", "127.0.0.1");
        environment.put("QUARKUS_MAILER_PORT", String.valueOf(smtp.getSmtp().getPort()));
        // Both replicas scan and dispatch every second, so their rounds overlap many times during the test.
        environment.put("SUITE_NOTIFICATIONS_INTERVAL", "1s");
        try (ServiceProcess first = ServiceProcess.start("batch-admin-service", environment, work);
                ServiceProcess second = ServiceProcess.start("batch-admin-service", environment, work)) {
            put(
                    first,
                    "/system-setting/destinations/ops-hook",
                    Map.of(
                            "url", "http://127.0.0.1:" + webhook.getAddress().getPort() + "/hooks/ops",
                            "username", "suite",
                            "password", "hook-password-1"));
            put(
                    first,
                    "/system-setting/notification-rules/failed-transports",
                    Map.of(
                            "eventKinds",
                            List.of("JOB_EXECUTION_FAILED"),
                            "subject",
                            "Diff_Fnd_DownloaderAndTransporterJob",
                            "emailRecipients",
                            List.of(RECIPIENT),
                            "webhookDestination",
                            "ops-hook",
                            "webhookSecret",
                            SECRET));

            // The transporter sends to the destination "receiver" (here a port nobody listens on) the data set it is
            // given; one that does not exist fails the job before anything is sent.
            put(
                    first,
                    "/system-setting/destinations/receiver",
                    Map.of(
                            "url", "http://127.0.0.1:" + closedPort() + "/",
                            "username", "suite",
                            "password", "receiver-password-1"));
            JsonNode started = call(
                    second,
                    "POST",
                    "/batch/jobs/Diff_Fnd_DownloaderAndTransporterJob?jobParameters=dataSetId=999999",
                    null,
                    200);
            long execution = started.path("executionId").asLong();
            awaitFailed(first, execution);

            // Both replicas keep scanning and dispatching; wait until the history shows both channels sent, then
            // several more rounds of both, in which nothing more may go out.
            awaitSent(first);
            Thread.sleep(5_000);

            assertThat(smtp.getReceivedMessagesForDomain("replicas.example.org"))
                    .as("mails to the rule's recipient")
                    .hasSize(1);
            assertThat(smtp.getReceivedMessagesForDomain("replicas.example.org")[0].getSubject())
                    .isEqualTo("[BDI Suite] JOB_EXECUTION_FAILED: Diff_Fnd_DownloaderAndTransporterJob");
            assertThat(webhookBodies).as("webhook calls").hasSize(1);
            assertThat(webhookSignatures.get(0)).isEqualTo("sha256=" + hmac(webhookBodies.get(0)));
            JsonNode event = json.readTree(webhookBodies.get(0));
            assertThat(event.path("occurrence").asText()).isEqualTo("job-execution:" + execution + ":FAILED");
            JsonNode history =
                    call(second, "GET", "/system-setting/notification-history?rule=failed-transports", null, 200);
            assertThat(history.path("notifications")).hasSize(2);
        } finally {
            webhook.stop(0);
            smtp.stop();
        }
    }

    /** A port on this machine that nothing listens on (bound, then closed again). */
    private static int closedPort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void awaitFailed(ServiceProcess service, long execution) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String status = "";
        while (System.nanoTime() < deadline) {
            status = call(service, "GET", "/batch/jobs/executions/" + execution, null, 200)
                    .path("executionStatus")
                    .asText();
            if (status.equals("FAILED")) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("execution " + execution + " did not fail within " + WAIT + ": " + status);
    }

    private void awaitSent(ServiceProcess service) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode history = null;
        while (System.nanoTime() < deadline) {
            history = call(
                    service,
                    "GET",
                    "/system-setting/notification-history?rule=failed-transports&status=SENT",
                    null,
                    200);
            if (history.path("notifications").size() >= 2) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the mail and the webhook were not both sent within " + WAIT + ": " + history);
    }

    private void put(ServiceProcess service, String path, Map<String, Object> body) throws Exception {
        call(service, "PUT", path, json.writeValueAsString(body), 200);
    }

    private JsonNode call(ServiceProcess service, String method, String path, String body, int expected)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(service.uri() + path))
                .timeout(Duration.ofSeconds(30))
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString(
                                                (ADMIN + ":" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode())
                .as("%s %s: %s", method, path, response.body())
                .isEqualTo(expected);
        return response.body().isEmpty() ? json.nullNode() : json.readTree(response.body());
    }

    private static String hmac(String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        StringBuilder hex = new StringBuilder();
        for (byte b : mac.doFinal(body.getBytes(StandardCharsets.UTF_8))) {
            hex.append(String.format("%02x", b));
        }
        return hex.toString();
    }
}
