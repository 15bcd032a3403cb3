package org.bdisuite.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.bdisuite.test.ServiceProcess;
import org.bdisuite.test.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The exporter's RECEIVER operation across real processes: the packaged exporter-service sends a run's file to the
 * packaged receiver-service through ReceiverClient (the generated receiver-client underneath), cut into several
 * blocks, and the receiver holds exactly the file's bytes.
 */
class ExporterReceiverIT {

    private static final String ADMIN = "it-admin";
    private static final String ADMIN_PASSWORD = "it-admin-password-1";

    private static TestDatabase.Coordinates database;
    private static ServiceProcess receiver;
    private static ServiceProcess exporter;

    @BeforeAll
    static void startServices() throws Exception {
        database = TestDatabase.createDatabase();
        Path work = Files.createTempDirectory("exporter-receiver-it");
        Map<String, String> environment = ServiceProcess.suiteEnvironment(database, ADMIN, ADMIN_PASSWORD, work);
        receiver = ServiceProcess.start("receiver-service", environment, work);
        environment.putAll(Map.of(
                "SUITE_EXPORTER_RECEIVER_URL",
                receiver.uri().toString(),
                "SUITE_EXPORTER_RECEIVER_USER",
                ADMIN,
                "SUITE_EXPORTER_RECEIVER_PASSWORD",
                ADMIN_PASSWORD,
                "SUITE_EXPORTER_RECEIVER_BLOCK_BYTES",
                "300",
                "SUITE_EXPORTER_WORK_DIR",
                work.resolve("runs").toString(),
                "SUITE_EXPORTER_LOG_DIR",
                work.resolve("logs").toString(),
                "SUITE_EXPORTER_DAILY_ENABLED",
                "false"));
        exporter = ServiceProcess.start("exporter-service", environment, work);
    }

    @AfterAll
    static void stopServices() throws Exception {
        if (exporter != null) {
            exporter.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    private static RequestSpecification as(ServiceProcess service) {
        return given().baseUri(service.uri().toString()).auth().preemptive().basic(ADMIN, ADMIN_PASSWORD);
    }

    @Test
    void aRunsFileArrivesAtTheReceiverInBlocksByteForByte() throws Exception {
        try (Connection connection = database.connect();
                Statement sql = connection.createStatement()) {
            sql.execute("INSERT INTO exporter_demo_appointment (instancestatus, enddatetime, locationbookableid, name,"
                    + " bookableid, appointment, ticketstatus, type, instancebk, startdatetime, status) SELECT 'Active',"
                    + " '2020-01-01T10:00:00Z', 1, 'Name ' || n, n, 'Visit', 'Booked', 'B', 'it-' || n,"
                    + " '2020-01-01T09:00:00Z', 'IT' FROM generate_series(1, 20) n");
        }
        String businessKey = as(exporter)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "description",
                        "To the receiver",
                        "dataSource",
                        "sampleAppointments",
                        "fileType",
                        "CSV",
                        "operations",
                        List.of("RECEIVER"),
                        "frequency",
                        Map.of("type", "daily"),
                        "timezone",
                        "UTC",
                        "parameters",
                        Map.of("status", "IT")))
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
        long runId = run.getLong("runId");
        String name = run.getString("files[0].name");
        byte[] exported = as(exporter)
                .get("/exporter/runs/" + runId + "/files/" + name)
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();

        String transactionId = "exporter-run-" + runId;
        JsonPath state = as(receiver)
                .get("/receiver/transactions/" + transactionId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(state.getString("transaction.receiverTransactionStatus")).isEqualTo("COMPLETED");
        assertThat(state.getLong("transmissions[0].blocksReceived")).isGreaterThan(1);

        JsonPath blocks = as(receiver)
                .get("/receiver/transmissions/" + transactionId + "-f1/blocks")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        for (Map<String, Object> block : blocks.<Map<String, Object>>getList("blocks")) {
            received.writeBytes(Files.readAllBytes(Path.of((String) block.get("dir"), (String) block.get("fileName"))));
        }
        assertThat(received.toByteArray()).isEqualTo(exported);
    }
}
