package org.bdisuite.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.bdisuite.it.OtlpCollector.ReceivedSpan;
import org.bdisuite.test.ServiceProcess;
import org.bdisuite.test.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tracing across real processes (docs/ARCHITECTURE.md, "Tracing"): the three packaged services export their spans
 * over OTLP/HTTP to a collector of the test's own ({@link OtlpCollector}). One pipeline run (extractor, transporter,
 * receiver, importer: three jobs at different times, the receiver in another process) is one connected trace, the
 * one each execution view names; one export run (its API call, generation, the EMAIL and RECEIVER deliveries, and the
 * receiver's side of the RECEIVER delivery) is one connected trace, the one its run view names.
 */
class TracingIT {

    private static final String ADMIN = "it-admin";
    private static final String ADMIN_PASSWORD = "it-admin-password-1";

    private static TestDatabase.Coordinates database;
    private static OtlpCollector collector;
    private static ServiceProcess receiver;
    private static ServiceProcess batch;
    private static ServiceProcess exporter;

    @BeforeAll
    static void startServices() throws Exception {
        collector = new OtlpCollector();
        database = TestDatabase.createDatabase();
        Path work = Files.createTempDirectory("tracing-it");
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Map<String, String> environment = ServiceProcess.suiteEnvironment(database, ADMIN, ADMIN_PASSWORD, work);
        environment.put("SUITE_SECRETS_KEY", Base64.getEncoder().encodeToString(key));
        // What deploy/README.md ("Tracing") sets to turn the export on; a short batch delay only to wait less.
        environment.put(
                "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", collector.uri().toString());
        environment.put("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf");
        environment.put("QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "PT0.2S");
        receiver = ServiceProcess.start("receiver-service", environment, work);
        batch = ServiceProcess.start("batch-admin-service", environment, work);
        Map<String, String> exporterEnvironment = new HashMap<>(environment);
        exporterEnvironment.putAll(Map.of(
                "SUITE_EXPORTER_RECEIVER_URL",
                receiver.uri().toString(),
                "SUITE_EXPORTER_RECEIVER_USER",
                ADMIN,
                "SUITE_EXPORTER_RECEIVER_PASSWORD",
                ADMIN_PASSWORD,
                "SUITE_EXPORTER_WORK_DIR",
                work.resolve("runs").toString(),
                "SUITE_EXPORTER_LOG_DIR",
                work.resolve("logs").toString(),
                "SUITE_EXPORTER_DAILY_ENABLED",
                "false",
                // The EMAIL delivery runs (and is traced) without an SMTP server.
                "QUARKUS_MAILER_MOCK",
                "true"));
        exporter = ServiceProcess.start("exporter-service", exporterEnvironment, work);
    }

    @AfterAll
    static void stopServices() throws Exception {
        for (ServiceProcess service : new ServiceProcess[] {exporter, batch, receiver}) {
            if (service != null) {
                service.close();
            }
        }
        if (collector != null) {
            collector.close();
        }
    }

    @Test
    void onePipelineRunIsOneConnectedTraceFromTheExtractorThroughTheReceiverToTheImporter() throws Exception {
        try (Connection connection = database.connect();
                Statement sql = connection.createStatement()) {
            sql.execute("CREATE TABLE trace_source (id INT PRIMARY KEY, name TEXT)");
            sql.execute("CREATE TABLE trace_inbound (LIKE trace_source)");
            sql.execute("INSERT INTO trace_source SELECT g, 'item ' || g FROM generate_series(1, 250) g");
            sql.execute(
                    "INSERT INTO bdi_interface_pipeline (interface_module, interface_short_name, source_query, inbound_table)"
                            + " VALUES ('Diff_Fnd', 'Diff', 'SELECT id, name FROM trace_source ORDER BY id',"
                            + " 'trace_inbound')");
        }
        as(batch)
                .contentType(ContentType.JSON)
                .body(Map.of("url", receiver.uri().toString(), "username", ADMIN, "password", ADMIN_PASSWORD))
                .put("/system-setting/destinations/receiver")
                .then()
                .statusCode(200);
        as(batch)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "baseFolder",
                        Files.createTempDirectory("tracing-it-diff").toString(),
                        "mergeStrategy",
                        "MERGE_TO_PARTITION_LEVEL"))
                .put("/system-setting/receiver-options/Diff_Fnd/Diff")
                .then()
                .statusCode(200);

        JsonPath extractor = await(start("Diff_Fnd_ExtractorJob", "partitions=2,itemCount=100"), "COMPLETED");
        JsonPath transporter = await(start("Diff_Fnd_DownloaderAndTransporterJob", "itemCount=100"), "COMPLETED");
        JsonPath importer = await(start("Diff_Fnd_ImporterJob", null), "COMPLETED");
        assertThat(count("SELECT count(*) FROM trace_inbound")).isEqualTo(250);

        // The three executions name one trace: the data set's, which the extractor began.
        String traceId = extractor.getString("traceId");
        assertThat(traceId).matches("[0-9a-f]{32}");
        assertThat(transporter.getString("traceId")).isEqualTo(traceId);
        assertThat(importer.getString("traceId")).isEqualTo(traceId);
        assertThat(as(batch)
                        .get("/batch/jobs/Diff_Fnd_ImporterJob/" + importer.getLong("jobInstanceId") + "/executions")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getString("jobInstanceExecutionVo[0].traceId"))
                .isEqualTo(traceId);

        List<ReceivedSpan> trace = awaitTrace(
                traceId,
                spans -> spanNamed(spans, "Diff_Fnd_ImporterJob")
                        && spans.stream().anyMatch(s -> s.service().equals("receiver-service")));
        assertConnected(trace);
        ReceivedSpan extractorSpan = only(trace, "Diff_Fnd_ExtractorJob");
        ReceivedSpan transporterSpan = only(trace, "Diff_Fnd_DownloaderAndTransporterJob");
        ReceivedSpan importerSpan = only(trace, "Diff_Fnd_ImporterJob");
        assertThat(extractorSpan.service()).isEqualTo("batch-admin-service");
        assertThat(extractorSpan.parentSpanId()).isEmpty();
        // The transporter continues the extractor's span stored with the outbound data set ...
        assertThat(transporterSpan.parentSpanId()).isEqualTo(extractorSpan.spanId());
        // ... its receiver calls are client spans whose requests the receiver serves in the same trace ...
        List<ReceivedSpan> receiverSide = trace.stream()
                .filter(s -> s.service().equals("receiver-service"))
                .toList();
        assertThat(receiverSide).isNotEmpty();
        Set<String> clientSpans = trace.stream()
                .filter(s ->
                        s.name().startsWith("receiver ") && s.parentSpanId().equals(transporterSpan.spanId()))
                .map(ReceivedSpan::spanId)
                .collect(Collectors.toSet());
        assertThat(clientSpans).isNotEmpty();
        assertThat(receiverSide).allSatisfy(span -> assertThat(clientSpans).contains(span.parentSpanId()));
        // ... and the importer continues the receiver's endTransaction span stored with the hand-over.
        assertThat(receiverSide.stream().map(ReceivedSpan::spanId)).contains(importerSpan.parentSpanId());
        assertThat(importerSpan.service()).isEqualTo("batch-admin-service");
    }

    @Test
    void oneExportRunIsOneConnectedTraceFromItsCallThroughEachDelivery() throws Exception {
        try (Connection connection = database.connect();
                Statement sql = connection.createStatement()) {
            sql.execute("INSERT INTO exporter_demo_appointment (instancestatus, enddatetime, locationbookableid, name,"
                    + " bookableid, appointment, ticketstatus, type, instancebk, startdatetime, status) SELECT 'Active',"
                    + " '2020-01-01T10:00:00Z', 1, 'Name ' || n, n, 'Visit', 'Booked', 'B', 'trace-' || n,"
                    + " '2020-01-01T09:00:00Z', 'TRACE' FROM generate_series(1, 20) n");
        }
        String businessKey = as(exporter)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "description",
                        "Traced",
                        "dataSource",
                        "sampleAppointments",
                        "fileType",
                        "CSV",
                        "operations",
                        List.of("EMAIL", "RECEIVER"),
                        "recipients",
                        List.of(Map.of("address", "ops@example.org", "name", "Ops")),
                        "frequency",
                        Map.of("type", "daily"),
                        "timezone",
                        "UTC",
                        "parameters",
                        Map.of("status", "TRACE")))
                .post("/exporter/schedules")
                .then()
                .statusCode(201)
                .extract()
                .path("businessKey");
        JsonPath run = as(exporter)
                .post("/exporter/schedules/" + businessKey + "/run")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(run.getString("outcome")).isEqualTo("SUCCEEDED");
        String traceId = run.getString("traceId");
        assertThat(traceId).matches("[0-9a-f]{32}");
        assertThat(as(exporter)
                        .get("/exporter/schedules/" + businessKey)
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getString("lastRun.traceId"))
                .isEqualTo(traceId);

        List<ReceivedSpan> trace = awaitTrace(
                traceId,
                spans -> spanNamed(spans, "export run")
                        && spans.stream().anyMatch(s -> s.service().equals("receiver-service")));
        assertConnected(trace);
        ReceivedSpan exportRun = only(trace, "export run");
        ReceivedSpan email = only(trace, "deliver EMAIL");
        ReceivedSpan toReceiver = only(trace, "deliver RECEIVER");
        assertThat(only(trace, "generate").parentSpanId()).isEqualTo(exportRun.spanId());
        assertThat(email.parentSpanId()).isEqualTo(exportRun.spanId());
        assertThat(toReceiver.parentSpanId()).isEqualTo(exportRun.spanId());
        // The run's span is a child of the API call that triggered it (the trace's root, in the exporter).
        ReceivedSpan root = trace.stream()
                .filter(s -> s.parentSpanId().isEmpty())
                .findFirst()
                .orElseThrow();
        assertThat(root.service()).isEqualTo("exporter-service");
        assertThat(exportRun.parentSpanId()).isEqualTo(root.spanId());
        // The RECEIVER delivery's calls reach the receiver in this trace.
        Set<String> deliveryCalls = trace.stream()
                .filter(s -> s.parentSpanId().equals(toReceiver.spanId()))
                .map(ReceivedSpan::spanId)
                .collect(Collectors.toSet());
        assertThat(trace.stream().filter(s -> s.service().equals("receiver-service")))
                .isNotEmpty()
                .allSatisfy(span -> assertThat(deliveryCalls).contains(span.parentSpanId()));
    }

    /** One trace: exactly one root, and every other span's parent is in the trace. */
    private static void assertConnected(List<ReceivedSpan> trace) {
        Set<String> ids = trace.stream().map(ReceivedSpan::spanId).collect(Collectors.toSet());
        assertThat(trace.stream().filter(s -> s.parentSpanId().isEmpty())).hasSize(1);
        assertThat(trace)
                .filteredOn(s -> !s.parentSpanId().isEmpty())
                .allSatisfy(span -> assertThat(ids).as(span.toString()).contains(span.parentSpanId()));
    }

    private static boolean spanNamed(List<ReceivedSpan> spans, String name) {
        return spans.stream().anyMatch(s -> s.name().equals(name));
    }

    private static ReceivedSpan only(List<ReceivedSpan> trace, String name) {
        List<ReceivedSpan> named =
                trace.stream().filter(s -> s.name().equals(name)).toList();
        assertThat(named).as(name).hasSize(1);
        return named.get(0);
    }

    /**
     * The collected spans of the trace once the condition holds and no span has arrived for a moment (the services
     * export in batches); the bound only turns a hang into a failure.
     */
    private static List<ReceivedSpan> awaitTrace(String traceId, Predicate<List<ReceivedSpan>> complete)
            throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        int seen = -1;
        while (true) {
            List<ReceivedSpan> trace = collector.spans().stream()
                    .filter(s -> s.traceId().equals(traceId))
                    .toList();
            if (complete.test(trace) && trace.size() == seen) {
                return trace;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Trace " + traceId + " incomplete: " + trace);
            }
            seen = trace.size();
            Thread.sleep(1000);
        }
    }

    private static RequestSpecification as(ServiceProcess service) {
        return given().baseUri(service.uri().toString()).auth().preemptive().basic(ADMIN, ADMIN_PASSWORD);
    }

    private static long start(String job, String parameters) {
        RequestSpecification request = as(batch);
        if (parameters != null) {
            request = request.queryParam("jobParameters", parameters);
        }
        return request.post("/batch/jobs/" + job)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("executionId");
    }

    private static JsonPath await(long executionId, String status) throws InterruptedException {
        return JobExecutions.await(() -> as(batch), executionId, status);
    }

    private static long count(String sql) throws Exception {
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement();
                var rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
