package org.bdisuite.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bdisuite.exporter.ExporterApi.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.CopyOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.bdisuite.exporter.delivery.SftpDelivery;
import org.bdisuite.test.EmbeddedPostgresResource;
import org.bdisuite.test.Sql;
import org.bdisuite.test.TestUsers.TestUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** SFTP to a real in-process MINA SSHD server: temp name then rename, pinned host key, sealed password. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SftpDeliveryTest {

    private static final String PASSWORD = "sftp-secret-password";

    @Inject
    DataSource dataSource;

    @Inject
    io.quarkus.mailer.MockMailbox mailbox;

    @Inject
    InMemorySpanExporter spans;

    private SshServer server;
    private Path root;
    private String fingerprint;
    private final List<String> renames = new CopyOnWriteArrayList<>();

    @BeforeAll
    void startSftpServer() throws Exception {
        root = Files.createTempDirectory("sftp-root");
        Files.createDirectories(root.resolve("in"));
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(
                new SimpleGeneratorHostKeyProvider(root.resolveSibling(root.getFileName() + "-hostkey.ser")));
        server.setPasswordAuthenticator(
                (user, password, session) -> "exporter".equals(user) && PASSWORD.equals(password));
        SftpSubsystemFactory sftp = new SftpSubsystemFactory.Builder().build();
        sftp.addSftpEventListener(new SftpEventListener() {
            @Override
            public void moved(
                    ServerSession session, Path source, Path target, Collection<CopyOption> options, Throwable thrown)
                    throws IOException {
                renames.add(source.getFileName() + " -> " + target.getFileName());
            }
        });
        server.setSubsystemFactories(List.of(sftp));
        server.setFileSystemFactory(new VirtualFileSystemFactory(root));
        server.start();
        fingerprint = SftpDelivery.fingerprint(
                server.getKeyPairProvider().loadKeys(null).iterator().next().getPublic());
    }

    @AfterAll
    void stopSftpServer() throws Exception {
        server.stop(true);
    }

    @Test
    void theFileArrivesUnderATempNameThenRenamedAndThePasswordIsSealed() throws Exception {
        TestUser admin = ExporterApi.admin(dataSource);
        as(admin)
                .body(details("sftp-good", fingerprint))
                .post("/exporter/sftp-details")
                .then()
                .statusCode(201)
                .body("key", equalTo("sftp-good"))
                .body("authentication", equalTo("PASSWORD"))
                .body("$", not(org.hamcrest.Matchers.hasKey("password")))
                .body(not(containsString(PASSWORD)));
        String sealed = Sql.single(
                dataSource, "SELECT password_sealed FROM exporter_sftp_details" + " WHERE details_key = 'sftp-good'");
        assertThat(sealed).isNotBlank().doesNotContain(PASSWORD);
        as(admin)
                .get("/exporter/sftp-details")
                .then()
                .statusCode(200)
                .body("key", hasItem("sftp-good"))
                .body(not(containsString(PASSWORD)));

        String businessKey = schedule(admin, "sftp-good");
        JsonPath run = as(admin)
                .post("/exporter/schedules/" + businessKey + "/run")
                .then()
                .statusCode(200)
                .body("outcome", equalTo("SUCCEEDED"))
                .extract()
                .jsonPath();
        String name = run.getString("files[0].name");
        byte[] local =
                Files.readAllBytes(Path.of("target/exporter-test/runs", businessKey, run.getString("runId"), name));
        assertThat(Files.readAllBytes(root.resolve("in").resolve(name))).isEqualTo(local);
        assertThat(renames).contains("." + name + ".part -> " + name);
        try (Stream<Path> files = Files.list(root.resolve("in"))) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
        }
        assertThat(Sql.single(
                        dataSource,
                        "SELECT detail FROM exporter_delivery WHERE operation = 'SFTP' AND run_id = "
                                + run.getString("runId")))
                .startsWith("uploaded 1 file(s)");
    }

    /**
     * One run is one trace (docs/ARCHITECTURE.md, "Tracing"): the API call's span, the run's span under it, and under
     * that the generation and each delivery (EMAIL, SFTP); the run's view names the trace.
     */
    @Test
    void aRunIsOneTraceFromItsCallThroughGenerationAndEachDelivery() throws Exception {
        TestUser admin = ExporterApi.admin(dataSource);
        as(admin)
                .body(details("sftp-traced", fingerprint))
                .post("/exporter/sftp-details")
                .then()
                .statusCode(201);
        Map<String, Object> body = ExporterApi.schedule();
        body.put("operations", List.of("EMAIL", "SFTP"));
        body.put("recipients", List.of(Map.of("address", "traced@example.org", "name", "")));
        body.put("sftpDetailsKey", "sftp-traced");
        body.put("parameters", Map.of("status", "CREATED"));
        String businessKey = as(admin)
                .body(body)
                .post("/exporter/schedules")
                .then()
                .statusCode(201)
                .extract()
                .path("businessKey");
        String traceId = as(admin)
                .post("/exporter/schedules/" + businessKey + "/run")
                .then()
                .statusCode(200)
                .body("outcome", equalTo("SUCCEEDED"))
                .extract()
                .path("traceId");
        assertThat(traceId).matches("[0-9a-f]{32}");
        as(admin)
                .get("/exporter/schedules/" + businessKey)
                .then()
                .statusCode(200)
                .body("lastRun.traceId", equalTo(traceId));

        List<SpanData> trace = awaitSpans(traceId, "deliver SFTP", "deliver EMAIL", "generate", "export run");
        SpanData exportRun = named(trace, "export run");
        for (String part : List.of("generate", "deliver EMAIL", "deliver SFTP")) {
            assertThat(named(trace, part).getParentSpanId()).as(part).isEqualTo(exportRun.getSpanId());
        }
        SpanData call = trace.stream()
                .filter(s -> s.getSpanId().equals(exportRun.getParentSpanId()))
                .findFirst()
                .orElseThrow();
        assertThat(call.getKind()).isEqualTo(SpanKind.SERVER);
        assertThat(call.getParentSpanContext().isValid()).isFalse();
    }

    private List<SpanData> awaitSpans(String traceId, String... names) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            List<SpanData> trace = spans.getFinishedSpanItems().stream()
                    .filter(s -> s.getTraceId().equals(traceId))
                    .toList();
            List<String> ended = trace.stream().map(SpanData::getName).toList();
            boolean callEnded = trace.stream().anyMatch(s -> s.getKind() == SpanKind.SERVER);
            if (ended.containsAll(List.of(names)) && callEnded) {
                return trace;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Trace " + traceId + " has only " + ended);
            }
            Thread.sleep(50);
        }
    }

    private static SpanData named(List<SpanData> trace, String name) {
        List<SpanData> named =
                trace.stream().filter(s -> s.getName().equals(name)).toList();
        assertThat(named).as(name).hasSize(1);
        return named.get(0);
    }

    @Test
    void aChangedHostKeyIsRefusedAndNothingIsUploaded() throws Exception {
        TestUser admin = ExporterApi.admin(dataSource);
        String otherKey = "SHA256:" + "A".repeat(43);
        as(admin)
                .body(details("sftp-changed-key", otherKey))
                .post("/exporter/sftp-details")
                .then()
                .statusCode(201);
        String businessKey = schedule(admin, "sftp-changed-key");
        long before;
        try (Stream<Path> files = Files.list(root.resolve("in"))) {
            before = files.count();
        }
        as(admin)
                .post("/exporter/schedules/" + businessKey + "/run")
                .then()
                .statusCode(422)
                .body("message", containsString("host key"));
        as(admin)
                .get("/exporter/schedules/" + businessKey + "/history/audit")
                .then()
                .body("items[0].event.outcome", equalTo("FAILED"))
                .body("items[0].event.error", containsString(fingerprint));
        try (Stream<Path> files = Files.list(root.resolve("in"))) {
            assertThat(files.count()).isEqualTo(before);
        }
        assertThat(Sql.singleLong(
                        dataSource,
                        "SELECT count(*) FROM exporter_delivery d JOIN exporter_run r"
                                + " ON r.id = d.run_id WHERE r.business_key = '" + businessKey + "'"))
                .isZero();
    }

    @Test
    void aRetriedRunDeliversOnlyWhatWasNotDeliveredYet() throws Exception {
        TestUser admin = ExporterApi.admin(dataSource);
        Map<String, Object> details = details("sftp-retry", fingerprint);
        details.put("remoteDirectory", "/later");
        as(admin).body(details).post("/exporter/sftp-details").then().statusCode(201);
        Map<String, Object> body = ExporterApi.schedule();
        body.put("operations", List.of("EMAIL", "SFTP"));
        body.put("recipients", List.of(Map.of("address", "retry@example.org", "name", "")));
        body.put("sftpDetailsKey", "sftp-retry");
        body.put("parameters", Map.of("status", "CREATED"));
        String businessKey = as(admin)
                .body(body)
                .post("/exporter/schedules")
                .then()
                .statusCode(201)
                .extract()
                .path("businessKey");

        // The remote directory does not exist yet: the mail goes out, the upload fails, the run fails.
        String message = as(admin)
                .post("/exporter/schedules/" + businessKey + "/run")
                .then()
                .statusCode(422)
                .body("message", containsString("SFTP delivery failed"))
                .extract()
                .path("message");
        ExportReaderRoleTest.assertUserTerms(message);
        String runId = message.replaceAll("^Run (\\d+) .*$", "$1");
        assertThat(mailbox.getMailsSentTo("retry@example.org")).hasSize(1);

        Files.createDirectories(root.resolve("later"));
        as(admin)
                .post("/exporter/runs/" + runId + "/retry")
                .then()
                .statusCode(200)
                .body("outcome", equalTo("SUCCEEDED"))
                .body("runId", equalTo(Integer.parseInt(runId)));
        assertThat(mailbox.getMailsSentTo("retry@example.org")).hasSize(1);
        assertThat(Sql.column(
                        dataSource.getConnection(),
                        "SELECT operation FROM exporter_delivery WHERE run_id = " + runId + " ORDER BY operation"))
                .containsExactly("EMAIL", "SFTP");
        try (Stream<Path> files = Files.list(root.resolve("later"))) {
            assertThat(files).hasSize(1);
        }
        as(admin).post("/exporter/runs/" + runId + "/retry").then().statusCode(409);
        as(admin)
                .get("/exporter/schedules/" + businessKey + "/history/audit")
                .then()
                .body("items.event.outcome", org.hamcrest.Matchers.contains("SUCCEEDED", "FAILED"));
    }

    /**
     * A run is retried with the configuration it started with: an edit between the failure and the retry (other
     * recipients, another SFTP target) applies to the next run, not to the retry of the failed one.
     */
    @Test
    void aRetryUsesTheConfigurationTheRunStartedWithNotAnEditMadeSince() throws Exception {
        TestUser admin = ExporterApi.admin(dataSource);
        Map<String, Object> oldTarget = details("sftp-cfg-old", fingerprint);
        oldTarget.put("remoteDirectory", "/cfg-old");
        as(admin).body(oldTarget).post("/exporter/sftp-details").then().statusCode(201);
        Map<String, Object> newTarget = details("sftp-cfg-new", fingerprint);
        newTarget.put("remoteDirectory", "/cfg-new");
        as(admin).body(newTarget).post("/exporter/sftp-details").then().statusCode(201);
        Files.createDirectories(root.resolve("cfg-new"));
        Map<String, Object> body = ExporterApi.schedule();
        body.put("operations", List.of("EMAIL", "SFTP"));
        body.put("recipients", List.of(Map.of("address", "cfg-old@example.org", "name", "")));
        body.put("sftpDetailsKey", "sftp-cfg-old");
        body.put("parameters", Map.of("status", "CREATED"));
        String businessKey = as(admin)
                .body(body)
                .post("/exporter/schedules")
                .then()
                .statusCode(201)
                .extract()
                .path("businessKey");

        // The old target's folder does not exist yet: the mail goes out, the upload fails, the run fails.
        String message = as(admin)
                .post("/exporter/schedules/" + businessKey + "/run")
                .then()
                .statusCode(422)
                .body("message", containsString("SFTP delivery failed"))
                .extract()
                .path("message");
        String runId = message.replaceAll("^Run (\\d+) .*$", "$1");
        assertThat(mailbox.getMailsSentTo("cfg-old@example.org")).hasSize(1);

        Map<String, Object> edited = new java.util.HashMap<>(body);
        edited.put("recipients", List.of(Map.of("address", "cfg-new@example.org", "name", "")));
        edited.put("sftpDetailsKey", "sftp-cfg-new");
        as(admin).body(edited).put("/exporter/schedules/" + businessKey).then().statusCode(200);

        Files.createDirectories(root.resolve("cfg-old"));
        JsonPath retried = as(admin)
                .post("/exporter/runs/" + runId + "/retry")
                .then()
                .statusCode(200)
                .body("outcome", equalTo("SUCCEEDED"))
                .extract()
                .jsonPath();
        String name = retried.getString("files[0].name");
        byte[] local = Files.readAllBytes(Path.of("target/exporter-test/runs", businessKey, runId, name));
        assertThat(Files.readAllBytes(root.resolve("cfg-old").resolve(name))).isEqualTo(local);
        try (Stream<Path> files = Files.list(root.resolve("cfg-new"))) {
            assertThat(files).isEmpty();
        }
        assertThat(mailbox.getMailsSentTo("cfg-old@example.org")).hasSize(1);
        assertThat(java.util.Objects.requireNonNullElse(mailbox.getMailsSentTo("cfg-new@example.org"), List.of()))
                .isEmpty();
        as(admin)
                .get("/exporter/schedules/" + businessKey + "/history/audit")
                .then()
                .body("items[0].event.outcome", equalTo("SUCCEEDED"))
                .body("items[0].event.sftpDetailsKey", equalTo("sftp-cfg-old"))
                .body("items[0].event.recipients[0].address", equalTo("cfg-old@example.org"));

        // The next run is a new run: it uses the edited configuration.
        JsonPath next = as(admin)
                .post("/exporter/schedules/" + businessKey + "/run")
                .then()
                .statusCode(200)
                .body("outcome", equalTo("SUCCEEDED"))
                .extract()
                .jsonPath();
        try (Stream<Path> files = Files.list(root.resolve("cfg-new"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(next.getString("files[0].name"));
        }
        assertThat(mailbox.getMailsSentTo("cfg-new@example.org")).hasSize(1);
        assertThat(mailbox.getMailsSentTo("cfg-old@example.org")).hasSize(1);
    }

    @Test
    void badDetailsAre400OnlyAdminsStoreThemAndKeysAreUnique() {
        TestUser admin = ExporterApi.admin(dataSource);
        as(ExporterApi.exporter(dataSource))
                .body(details("sftp-x", fingerprint))
                .post("/exporter/sftp-details")
                .then()
                .statusCode(403);
        Map<String, Object> noFingerprint = details("sftp-y", fingerprint);
        noFingerprint.remove("hostKeyFingerprint");
        as(admin)
                .body(noFingerprint)
                .post("/exporter/sftp-details")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("hostKeyFingerprint"));
        Map<String, Object> both = details("sftp-y", fingerprint);
        both.put("privateKey", "-----BEGIN OPENSSH PRIVATE KEY-----");
        as(admin).body(both).post("/exporter/sftp-details").then().statusCode(400);
        as(admin)
                .body(details("sftp-once", fingerprint))
                .post("/exporter/sftp-details")
                .then()
                .statusCode(201);
        as(admin)
                .body(details("sftp-once", fingerprint))
                .post("/exporter/sftp-details")
                .then()
                .statusCode(409);
    }

    /**
     * Two deliveries commit three times (RunCommitsTest): the start, the first delivery's record before the second
     * delivery starts, and the end with the second's record.
     */
    @Test
    void aRunWithTwoDeliveriesRecordsTheFirstBeforeTheSecondStartsAndTheSecondWithItsEnd() throws Exception {
        TestUser admin = ExporterApi.admin(dataSource);
        as(admin)
                .body(details("sftp-commits", fingerprint))
                .post("/exporter/sftp-details")
                .then()
                .statusCode(201);
        Map<String, Object> body = ExporterApi.schedule();
        body.put("operations", List.of("SFTP", "EMAIL"));
        body.put("sftpDetailsKey", "sftp-commits");
        body.put("parameters", Map.of("status", "CREATED"));
        String businessKey = as(admin)
                .body(body)
                .post("/exporter/schedules")
                .then()
                .statusCode(201)
                .extract()
                .path("businessKey");

        long commits = WriteCommits.of(
                dataSource,
                () -> as(admin)
                        .post("/exporter/schedules/" + businessKey + "/run")
                        .then()
                        .statusCode(200)
                        .body("outcome", equalTo("SUCCEEDED")));

        assertThat(commits).isEqualTo(3);
        assertThat(Sql.column(
                        dataSource,
                        "SELECT d.operation FROM exporter_delivery d JOIN exporter_run r ON r.id = d.run_id"
                                + " WHERE r.business_key = '" + businessKey + "'"))
                .containsExactlyInAnyOrder("SFTP", "EMAIL");
    }

    private Map<String, Object> details(String key, String hostKey) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("key", key);
        body.put("host", "127.0.0.1");
        body.put("port", server.getPort());
        body.put("username", "exporter");
        body.put("password", PASSWORD);
        body.put("hostKeyFingerprint", hostKey);
        body.put("remoteDirectory", "/in/");
        return body;
    }

    private String schedule(TestUser admin, String sftpDetailsKey) {
        Map<String, Object> body = ExporterApi.schedule();
        body.put("operations", List.of("SFTP"));
        body.remove("recipients");
        body.put("sftpDetailsKey", sftpDetailsKey);
        body.put("parameters", Map.of("status", "CREATED"));
        return as(admin)
                .body(body)
                .post("/exporter/schedules")
                .then()
                .statusCode(201)
                .extract()
                .path("businessKey");
    }
}
