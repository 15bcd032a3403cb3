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
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Base64;
import java.util.Map;
import org.bdisuite.test.ServiceProcess;
import org.bdisuite.test.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The BDI pipeline across real processes: the packaged receiver-service and batch-admin-service on free ports
 * against one embedded PostgreSQL. Extractor -> transporter to the stored destination "receiver" (failed after a
 * few blocks by the network in between, then restarted) -> receiver merge -> importer, and the inbound table equals
 * the source table row for row. The receiver names its merged files by a pattern of its own
 * (suite.receiver.merged-file-name), which the importer never sees: it loads the files the hand-over lists.
 */
class PipelineIT {

    private static final String ADMIN = "it-admin";
    private static final String ADMIN_PASSWORD = "it-admin-password-1";
    private static final int ROWS = 3000;
    /** Not the receiver's default ({interface}.csv): the importer must not depend on the merged files' names. */
    private static final String MERGED_FILE_NAME = "received-{interface}.part";

    private static TestDatabase.Coordinates database;
    private static ServiceProcess receiver;
    private static ServiceProcess batch;

    @BeforeAll
    static void startServices() throws Exception {
        database = TestDatabase.createDatabase();
        Path work = Files.createTempDirectory("pipeline-it");
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Map<String, String> environment = ServiceProcess.suiteEnvironment(database, ADMIN, ADMIN_PASSWORD, work);
        environment.put("SUITE_SECRETS_KEY", Base64.getEncoder().encodeToString(key));
        Map<String, String> receiverEnvironment = new java.util.HashMap<>(environment);
        receiverEnvironment.put("SUITE_RECEIVER_MERGED_FILE_NAME", MERGED_FILE_NAME);
        receiver = ServiceProcess.start("receiver-service", receiverEnvironment, work);
        batch = ServiceProcess.start("batch-admin-service", environment, work);
    }

    @AfterAll
    static void stopServices() throws Exception {
        if (batch != null) {
            batch.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    private static RequestSpecification batchAdmin() {
        return given().baseUri(batch.uri().toString()).auth().preemptive().basic(ADMIN, ADMIN_PASSWORD);
    }

    @Test
    void sourceRowsArriveInTheInboundTableRowForRowAcrossARestartedTransporter() throws Exception {
        try (Connection connection = connect();
                Statement sql = connection.createStatement()) {
            sql.execute("CREATE TABLE diff_source (id INT PRIMARY KEY, name TEXT, note TEXT, amount NUMERIC(12, 2),"
                    + " created TIMESTAMPTZ)");
            sql.execute("CREATE TABLE diff_inbound (LIKE diff_source)");
            sql.execute("INSERT INTO diff_source SELECT g, 'item ' || g, CASE g % 4 WHEN 0 THEN NULL WHEN 1 THEN ''"
                    + " WHEN 2 THEN 'a, \"quoted\" note' ELSE E'two\\nlines' END, g * 0.5,"
                    + " timestamptz '2026-01-01 00:00:00+00' + g * interval '1 second' FROM generate_series(1, " + ROWS
                    + ") g");
            sql.execute(
                    "INSERT INTO bdi_interface_pipeline (interface_module, interface_short_name, source_query, inbound_table)"
                            + " VALUES ('Diff_Fnd', 'Diff', 'SELECT id, name, note, amount, created FROM diff_source ORDER BY id',"
                            + " 'diff_inbound')");
        }
        // The transporter's destination is the receiver behind a proxy that fails the 8th block until healed.
        try (FaultyReceiverProxy network = new FaultyReceiverProxy(receiver.uri(), 7)) {
            batchAdmin()
                    .contentType(ContentType.JSON)
                    .body("{\"url\":\"" + network.uri() + "\",\"username\":\"" + ADMIN + "\",\"password\":\""
                            + ADMIN_PASSWORD + "\"}")
                    .put("/system-setting/destinations/receiver")
                    .then()
                    .statusCode(200);
            batchAdmin()
                    .contentType(ContentType.JSON)
                    .body("{\"baseFolder\":\"" + Files.createTempDirectory("pipeline-it-diff")
                            + "\",\"mergeStrategy\":\"MERGE_TO_PARTITION_LEVEL\"}")
                    .put("/system-setting/receiver-options/Diff_Fnd/Diff")
                    .then()
                    .statusCode(200);

            long extractor = start("Diff_Fnd_ExtractorJob", "partitions=3,itemCount=500");
            await(extractor, "COMPLETED");

            // 3 partitions of 1000 rows in blocks of 100: 30 blocks. The first execution fails after sending 7.
            long transporter = start("Diff_Fnd_DownloaderAndTransporterJob", "itemCount=100");
            await(transporter, "FAILED");
            assertThat(count("SELECT count(*) FROM receiver_transmission_block"))
                    .isEqualTo(7);

            network.heal();
            long restarted = batchAdmin()
                    .queryParam("jobParameters", "itemCount=100")
                    .post("/batch/jobs/executions/" + transporter)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getLong("executionId");
            JsonPath done = await(restarted, "COMPLETED");
            assertThat(done.getString("stepExecutionVo[0].exitStatus")).isEqualTo("SENT_23_BLOCKS_SKIPPED_7");
            // The BDI guide's names: transaction Tx#<job instance id of the transporter>, partitions "1", "2", ...
            assertThat(text("SELECT string_agg(transaction_id, ',') FROM bdi_receiver_transaction"))
                    .isEqualTo("Tx#" + done.getLong("jobInstanceId"));
            assertThat(text("SELECT string_agg(source_system_partition_name, ',' ORDER BY source_system_partition_name)"
                            + " FROM bdi_receiver_transmission"))
                    .isEqualTo("1,2,3");
        }
        assertThat(count("SELECT count(*) FROM receiver_transmission_block")).isEqualTo(30);
        assertThat(
                        count(
                                "SELECT count(*) FROM bdi_receiver_transaction WHERE receiver_transaction_status = 'COMPLETED'"))
                .isEqualTo(1);

        // The hand-over lists the three partition files under the receiver's own name for them.
        assertThat(count("SELECT count(*) FROM bdi_upldr_data_set_file WHERE file_path LIKE '%/received-Diff.part'"
                        + " AND merge_level = 'MERGE_TO_PARTITION_LEVEL' AND row_count = 1000"))
                .isEqualTo(3);
        assertThat(count("SELECT count(*) FROM bdi_upldr_data_set_file")).isEqualTo(3);

        long importer = start("Diff_Fnd_ImporterJob", null);
        await(importer, "COMPLETED");
        assertThat(count("SELECT count(*) FROM diff_inbound")).isEqualTo(ROWS);
        assertThat(count("SELECT count(*) FROM (SELECT * FROM diff_source EXCEPT ALL SELECT * FROM diff_inbound) m"))
                .isZero();
        assertThat(count("SELECT count(*) FROM (SELECT * FROM diff_inbound EXCEPT ALL SELECT * FROM diff_source) e"))
                .isZero();
    }

    private static long start(String job, String parameters) {
        RequestSpecification request = batchAdmin();
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
        return JobExecutions.await(PipelineIT::batchAdmin, executionId, status);
    }

    private static long count(String sql) throws Exception {
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static String text(String sql) throws Exception {
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static Connection connect() throws Exception {
        return database.connect();
    }
}
