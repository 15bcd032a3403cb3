package org.bdisuite.batchadmin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bdisuite.batchadmin.BatchApi.as;
import static org.bdisuite.batchadmin.BatchApi.awaitStatus;
import static org.bdisuite.batchadmin.BatchApi.start;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.bdisuite.batchadmin.service.JobExecutionEvents;
import org.bdisuite.model.Roles;
import org.bdisuite.test.EmbeddedPostgresResource;
import org.bdisuite.test.Sql;
import org.bdisuite.test.TestUsers;
import org.bdisuite.test.TestUsers.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Data set states and failure causes: a data set a job fails on is FAILED with the cause (one DATA_SET_FAILED
 * event), later runs are blocked and say by which set and why, an administrator retries it after a fix or skips it
 * (audited, idempotent, 409 from other states, 403 for other roles), and the executions and steps show the cause in
 * JSON and XML. Each module here has test-only copies of the pipeline jobs (Fail_Fnd, Skip_Fnd, Stage_Fnd).
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class DataSetStatesTest {

    @Inject
    DataSource dataSource;

    @Inject
    JobExecutionEvents executionEvents;

    private TestUser admin;
    private TestUser operator;
    private TestUser monitor;
    private Path folder;

    @BeforeEach
    void setUp() throws Exception {
        admin = TestUsers.create(dataSource, "states-admin", Roles.ADMIN);
        operator = TestUsers.create(dataSource, "states-operator", Roles.OPERATOR);
        monitor = TestUsers.create(dataSource, "states-monitor", Roles.MONITOR);
        folder = Files.createTempDirectory("data-set-states");
        Sql.execute(
                dataSource,
                "CREATE TABLE IF NOT EXISTS states_inbound (id INT, color TEXT, kind TEXT, diff_type TEXT)");
        for (String module : List.of("Fail_Fnd", "Skip_Fnd")) {
            Sql.execute(
                    dataSource,
                    "INSERT INTO bdi_interface_pipeline (interface_module, interface_short_name, source_query,"
                            + " inbound_table) VALUES ('" + module + "', 'Diff', 'SELECT 1', 'states_inbound')"
                            + " ON CONFLICT DO NOTHING");
        }
    }

    /**
     * README's receiver example as a user ran it: a hand-over whose rows lack a column. The importer marks the set
     * FAILED with the database's words; every later run is blocked and names the set; after the file is fixed and
     * the set retried, it loads, and so does the set after it.
     */
    @Test
    void aSetThatFailsToLoadIsFailedWithItsCauseBlocksLaterSetsAndLoadsOnceRetried() throws Exception {
        Sql.execute(dataSource, "DELETE FROM states_inbound");
        Path badFile = write("fail-1.csv", "1,RED,COLOR\n");
        long bad = handOver("Fail_Fnd", "Tx#fail-1", badFile);
        long later = handOver("Fail_Fnd", "Tx#fail-2", write("fail-2.csv", "2,BLUE,COLOR,ADD\n"));

        long first = start(operator, "Fail_Fnd_ImporterJob", null);
        JsonPath failed = awaitStatus(operator, first, "FAILED");
        assertThat(failed.getString("exitMessage")).contains("missing data for column \"diff_type\"");
        assertNoJavaInside(failed.getString("exitMessage"));
        assertThat(failed.getString("dataSet.kind")).isEqualTo("UPLOADER");
        assertThat(failed.getLong("dataSet.dataSetId")).isEqualTo(bad);
        assertThat(failed.getString("dataSet.interfaceModule")).isEqualTo("Fail_Fnd");
        assertThat(failed.getString("dataSet.transactionId")).isEqualTo("Tx#fail-1");
        assertThat(failed.getString("stepExecutionVo[0].exitMessage"))
                .contains("missing data for column \"diff_type\"");
        long step = failed.getLong("stepExecutionVo[0].stepExecutionId");

        // The same in XML, in the execution, step, instance and list views.
        String xml = as(monitor)
                .accept(ContentType.XML)
                .get("/batch/jobs/executions/" + first)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(xml).contains("<exitMessage>").contains("diff_type");
        assertThat(xml).contains("<dataSet>").contains("<transactionId>Tx#fail-1</transactionId>");
        as(monitor)
                .accept(ContentType.XML)
                .get("/batch/jobs/executions/" + first + "/steps/" + step)
                .then()
                .statusCode(200)
                .body(containsString("<exitMessage>"))
                .body(containsString("diff_type"));
        as(monitor)
                .get("/batch/jobs/Fail_Fnd_ImporterJob/" + first)
                .then()
                .statusCode(200)
                .body("jobInstanceExecutionVo[0].exitMessage", containsString("diff_type"))
                .body("jobInstanceExecutionVo[0].dataSet.dataSetId", equalTo((int) bad));
        as(monitor)
                .queryParam("status", "FAILED")
                .get("/batch/jobs/Fail_Fnd_ImporterJob/executions")
                .then()
                .statusCode(200)
                .body("jobExecutionVo[0].exitMessage", containsString("diff_type"));

        // The hand-over row: FAILED with cause and time; one DATA_SET_FAILED event.
        assertThat(Sql.single(
                        dataSource,
                        "SELECT data_set_state FROM bdi_upldr_iface_mod_data_ctl"
                                + " WHERE uploader_iface_mod_data_ctlid = " + bad))
                .isEqualTo("FAILED");
        assertThat(Sql.singleLong(
                        dataSource,
                        "SELECT count(*) FROM bdi_upldr_iface_mod_data_ctl"
                                + " WHERE failed_at IS NOT NULL AND state_cause LIKE '%diff_type%'"
                                + " AND uploader_iface_mod_data_ctlid = " + bad))
                .isEqualTo(1);
        assertThat(failedEvents("Fail_Fnd")).isEqualTo(1);
        as(monitor)
                .get("/data/dataset/uploader/" + bad + "/state")
                .then()
                .statusCode(200)
                .body("state", equalTo("FAILED"))
                .body("cause", containsString("diff_type"))
                .body("failedJobExecutionId", equalTo((int) first))
                .body("transactionId", equalTo("Tx#fail-1"));

        // Later runs: blocked, naming the set and its cause; nothing loaded, no second event.
        long blocked = start(operator, "Fail_Fnd_ImporterJob", null);
        JsonPath blockedRun = awaitStatus(operator, blocked, "COMPLETED");
        assertThat(blockedRun.getString("exitStatus")).isEqualTo("BLOCKED_BY_DATA_SET_" + bad);
        assertThat(blockedRun.getString("exitMessage"))
                .contains("Data set " + bad + " of Fail_Fnd (transaction Tx#fail-1) is FAILED")
                .contains("diff_type");
        long explicit = start(operator, "Fail_Fnd_ImporterJob", "dataSetId=" + later);
        assertThat(awaitStatus(operator, explicit, "COMPLETED").getString("exitStatus"))
                .isEqualTo("BLOCKED_BY_DATA_SET_" + bad);
        assertThat(Sql.singleLong(dataSource, "SELECT count(*) FROM states_inbound"))
                .isZero();
        assertThat(failedEvents("Fail_Fnd")).isEqualTo(1);

        // Only administrators act; a set that never failed is a 409.
        as(operator).post("/data/dataset/uploader/" + bad + "/retry").then().statusCode(403);
        as(monitor).post("/data/dataset/uploader/" + bad + "/retry").then().statusCode(403);
        as(admin)
                .post("/data/dataset/uploader/" + later + "/retry")
                .then()
                .statusCode(409)
                .body("code", equalTo("data-set-not-failed"));
        as(admin)
                .post("/data/dataset/nowhere/" + bad + "/retry")
                .then()
                .statusCode(400)
                .body("statusCode", equalTo(400));
        as(admin).post("/data/dataset/uploader/0/retry").then().statusCode(400);
        as(admin)
                .post("/data/dataset/uploader/999999999/retry")
                .then()
                .statusCode(404)
                .body("code", equalTo("no-data-set"));

        // Fixed, retried (twice: the same answer, one audit row), loaded; then the later set loads.
        Files.writeString(badFile, "1,RED,COLOR,ADD\n", StandardCharsets.UTF_8);
        JsonPath retried = as(admin)
                .post("/data/dataset/uploader/" + bad + "/retry")
                .then()
                .statusCode(200)
                .body("state", equalTo("PENDING"))
                .body("lastAction", equalTo("RETRY"))
                .body("changedBy", equalTo("states-admin"))
                .body("changedAt", notNullValue())
                .extract()
                .jsonPath();
        as(admin)
                .post("/data/dataset/uploader/" + bad + "/retry")
                .then()
                .statusCode(200)
                .body("state", equalTo("PENDING"))
                .body("changedAt", equalTo(retried.getString("changedAt")));
        assertThat(Sql.single(
                        dataSource,
                        "SELECT action || ' ' || from_state || ' ' || acted_by || ' '"
                                + " || (acted_at IS NOT NULL) FROM bdi_data_set_action WHERE data_control_kind = 'UPLOADER'"
                                + " AND data_control_id = " + bad))
                .isEqualTo("RETRY FAILED states-admin true");

        long third = start(operator, "Fail_Fnd_ImporterJob", null);
        assertThat(awaitStatus(operator, third, "COMPLETED").getString("stepExecutionVo[0].exitStatus"))
                .isEqualTo("IMPORTED_1_ROWS");
        long fourth = start(operator, "Fail_Fnd_ImporterJob", null);
        assertThat(awaitStatus(operator, fourth, "COMPLETED").getString("stepExecutionVo[0].exitStatus"))
                .isEqualTo("IMPORTED_1_ROWS");
        assertThat(Sql.single(dataSource, "SELECT string_agg(id || color, ',' ORDER BY id) FROM states_inbound"))
                .isEqualTo("1RED,2BLUE");
        executionEvents.scan();
        assertThat(Sql.singleLong(
                        dataSource,
                        "SELECT count(*) FROM suite_freshness WHERE subject IN"
                                + " ('Fail_Fnd_ImporterJob', 'Fail_Fnd')"))
                .isEqualTo(2);
        assertThat(Sql.single(
                        dataSource,
                        "SELECT string_agg(data_set_state, ',' ORDER BY uploader_iface_mod_data_ctlid)"
                                + " FROM bdi_upldr_iface_mod_data_ctl WHERE interface_module = 'Fail_Fnd'"))
                .isEqualTo("LOADED,LOADED");
        // A loaded set is no longer retried.
        as(admin)
                .post("/data/dataset/uploader/" + bad + "/retry")
                .then()
                .statusCode(409)
                .body("code", equalTo("data-set-not-failed"));
    }

    /** A skipped set stays unloaded and the later sets load; a skipped set is not retried. */
    @Test
    void aSkippedSetLetsTheLaterSetsLoad() throws Exception {
        long bad = handOver("Skip_Fnd", "Tx#skip-1", write("skip-1.csv", "10,RED\n"));
        long later = handOver("Skip_Fnd", "Tx#skip-2", write("skip-2.csv", "11,GREEN,COLOR,ADD\n"));
        long first = start(operator, "Skip_Fnd_ImporterJob", null);
        awaitStatus(operator, first, "FAILED");

        as(admin)
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/data/dataset/uploader/" + bad + "/skip")
                .then()
                .statusCode(400)
                .body("statusCode", equalTo(400))
                .body("errors[0].field", equalTo("reason"));
        as(admin)
                .contentType(ContentType.JSON)
                .post("/data/dataset/uploader/" + bad + "/skip")
                .then()
                .statusCode(400);
        as(operator)
                .contentType(ContentType.JSON)
                .body("{\"reason\": \"bad rows\"}")
                .post("/data/dataset/uploader/" + bad + "/skip")
                .then()
                .statusCode(403);
        assertThat(Sql.single(
                        dataSource,
                        "SELECT data_set_state FROM bdi_upldr_iface_mod_data_ctl"
                                + " WHERE uploader_iface_mod_data_ctlid = " + bad))
                .isEqualTo("FAILED");
        as(admin)
                .contentType(ContentType.JSON)
                .body("{\"later\": 1}")
                .post("/data/dataset/uploader/" + later + "/skip")
                .then()
                .statusCode(400);
        as(admin)
                .contentType(ContentType.JSON)
                .body("{\"reason\": \"not failed\"}")
                .post("/data/dataset/uploader/" + later + "/skip")
                .then()
                .statusCode(409)
                .body("code", equalTo("data-set-not-failed"));

        for (int i = 0; i < 2; i++) {
            as(admin)
                    .contentType(ContentType.JSON)
                    .body("{\"reason\": \"The sender resends these rows in its next set\"}")
                    .post("/data/dataset/uploader/" + bad + "/skip")
                    .then()
                    .statusCode(200)
                    .body("state", equalTo("SKIPPED"))
                    .body("skipReason", equalTo("The sender resends these rows in its next set"))
                    .body("changedBy", equalTo("states-admin"));
        }
        assertThat(Sql.singleLong(
                        dataSource,
                        "SELECT count(*) FROM bdi_data_set_action WHERE action = 'SKIP'"
                                + " AND acted_by = 'states-admin' AND data_control_id = " + bad
                                + " AND reason = 'The sender resends these rows in its next set'"))
                .isEqualTo(1);
        as(admin)
                .post("/data/dataset/uploader/" + bad + "/retry")
                .then()
                .statusCode(409)
                .body("code", equalTo("data-set-skipped"));

        long next = start(operator, "Skip_Fnd_ImporterJob", null);
        assertThat(awaitStatus(operator, next, "COMPLETED").getString("stepExecutionVo[0].exitStatus"))
                .isEqualTo("IMPORTED_1_ROWS");
        assertThat(Sql.singleLong(dataSource, "SELECT count(*) FROM states_inbound WHERE id = 11"))
                .isEqualTo(1);
        assertThat(Sql.singleLong(dataSource, "SELECT count(*) FROM states_inbound WHERE id = 10"))
                .isZero();
        // The failed instance, restarted, leaves the skipped set alone.
        long restarted = as(operator)
                .post("/batch/jobs/executions/" + first)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("executionId");
        assertThat(awaitStatus(operator, restarted, "COMPLETED").getString("exitStatus"))
                .isEqualTo("DATA_SET_" + bad + "_SKIPPED");
        assertThat(Sql.singleLong(dataSource, "SELECT count(*) FROM states_inbound WHERE id = 10"))
                .isZero();
    }

    /**
     * The extractor and the transporter stages: an extractor that fails makes its outbound set FAILED; the
     * transporter then sends no later set of the module and says why; skipped, the later set is next. A transporter
     * whose send fails marks its set FAILED with the cause and its receiver transaction id.
     */
    @Test
    void theExtractorAndTransporterStagesFailTheirSetAndBlockTheLaterOnes() throws Exception {
        Sql.execute(dataSource, "CREATE TABLE IF NOT EXISTS stage_source (id INT PRIMARY KEY, name TEXT)");
        Sql.execute(
                dataSource,
                "INSERT INTO stage_source SELECT g, 'row ' || g FROM generate_series(1, 300) g"
                        + " ON CONFLICT DO NOTHING");
        Sql.execute(
                dataSource,
                "INSERT INTO bdi_interface_pipeline (interface_module, interface_short_name, source_query,"
                        + " inbound_table) VALUES ('Stage_Fnd', 'Diff', 'SELECT id, name FROM stage_source ORDER BY id',"
                        + " 'states_inbound') ON CONFLICT DO NOTHING");
        putDestination("stage-nowhere", "http://127.0.0.1:" + closedPort());

        long extractor = start(operator, "Stage_Fnd_ExtractorJob", "partitions=1,itemCount=100,failAfterRows=150");
        JsonPath failed = awaitStatus(operator, extractor, "FAILED");
        assertThat(failed.getString("exitMessage")).isEqualTo("Test fault: failing after reading 150 rows");
        long firstSet = failed.getLong("dataSet.dataSetId");
        assertThat(failed.getString("dataSet.kind")).isEqualTo("DOWNLOADER");
        as(monitor)
                .get("/data/dataset/downloader/" + firstSet + "/state")
                .then()
                .statusCode(200)
                .body("state", equalTo("FAILED"))
                .body("cause", equalTo("Test fault: failing after reading 150 rows"))
                .body("failedJobName", equalTo("Stage_Fnd_ExtractorJob"));
        assertThat(failedEvents("Stage_Fnd")).isEqualTo(1);

        long second = start(operator, "Stage_Fnd_ExtractorJob", "partitions=1,itemCount=100");
        long secondSet = awaitStatus(operator, second, "COMPLETED").getLong("dataSet.dataSetId");

        long transporter = start(operator, "Stage_Fnd_DownloaderAndTransporterJob", "destination=stage-nowhere");
        JsonPath blocked = awaitStatus(operator, transporter, "COMPLETED");
        assertThat(blocked.getString("exitStatus")).isEqualTo("BLOCKED_BY_DATA_SET_" + firstSet);
        assertThat(blocked.getString("exitMessage"))
                .contains("Data set " + firstSet + " of Stage_Fnd is FAILED")
                .contains("Test fault");
        as(operator)
                .get("/data/dataset/Stage_Fnd_DownloaderAndTransporterJob/nextPending")
                .then()
                .statusCode(200)
                .body("interfaceModuleDataControlId", equalTo((int) firstSet));

        as(admin)
                .contentType(ContentType.JSON)
                .body("{\"reason\": \"extracted again as the next set\"}")
                .post("/data/dataset/downloader/" + firstSet + "/skip")
                .then()
                .statusCode(200)
                .body("state", equalTo("SKIPPED"));
        as(operator)
                .get("/data/dataset/Stage_Fnd_DownloaderAndTransporterJob/nextPending")
                .then()
                .statusCode(200)
                .body("interfaceModuleDataControlId", equalTo((int) secondSet));

        // The send fails (nothing listens): the set is FAILED with the cause, the view names the transaction.
        long send = start(operator, "Stage_Fnd_DownloaderAndTransporterJob", "destination=stage-nowhere");
        JsonPath sendFailed = awaitStatus(operator, send, "FAILED");
        assertThat(sendFailed.getLong("dataSet.dataSetId")).isEqualTo(secondSet);
        assertThat(sendFailed.getString("dataSet.transactionId"))
                .isEqualTo("Tx#" + sendFailed.getLong("jobInstanceId"));
        assertThat(sendFailed.getString("exitMessage")).isNotBlank();
        assertNoJavaInside(sendFailed.getString("exitMessage"));
        as(monitor)
                .get("/data/dataset/downloader/" + secondSet + "/state")
                .then()
                .statusCode(200)
                .body("state", equalTo("FAILED"))
                .body("cause", equalTo(sendFailed.getString("exitMessage")))
                .body("cause", not(containsString("Exception")));
        assertThat(failedEvents("Stage_Fnd")).isEqualTo(2);
        long after = start(operator, "Stage_Fnd_DownloaderAndTransporterJob", "destination=stage-nowhere");
        assertThat(awaitStatus(operator, after, "COMPLETED").getString("exitStatus"))
                .isEqualTo("BLOCKED_BY_DATA_SET_" + secondSet);
        as(admin)
                .post("/data/dataset/downloader/" + secondSet + "/retry")
                .then()
                .statusCode(200)
                .body("state", equalTo("PENDING"));
        as(operator)
                .get("/data/dataset/Stage_Fnd_DownloaderAndTransporterJob/nextPending")
                .then()
                .statusCode(200)
                .body("interfaceModuleDataControlId", equalTo((int) secondSet));
    }

    private static void assertNoJavaInside(String message) {
        assertThat(message)
                .doesNotContain("Exception")
                .doesNotContain("java.")
                .doesNotContain("org.")
                .doesNotContain("\tat ")
                .doesNotContain("\n");
    }

    private long failedEvents(String module) throws SQLException {
        return Sql.singleLong(
                dataSource,
                "SELECT count(*) FROM suite_event WHERE kind = 'DATA_SET_FAILED' AND subject = '" + module + "'");
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(folder.resolve(name), content, StandardCharsets.UTF_8);
    }

    /** A hand-over as the receiver writes it: the handshake row and one file (rows, bytes, sha-256 not recorded). */
    private long handOver(String module, String transactionId, Path file) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement sql = connection.createStatement()) {
            long transaction = key(
                    sql,
                    "INSERT INTO bdi_receiver_transaction (transaction_id, interface_module, source_system_name,"
                            + " source_system_id, source_data_set_id, data_set_type, source_system_data_set_ready_time,"
                            + " dir, receiver_transaction_status, receiver_transaction_begin_time,"
                            + " receiver_transaction_end_time) VALUES ('" + transactionId + "', '" + module
                            + "', 'RMS', 'rms', 1, 'FULL', now(), '/nowhere', 'COMPLETED', now(), now())"
                            + " RETURNING receiver_transaction_id");
            long handOver = key(
                    sql,
                    "INSERT INTO bdi_upldr_iface_mod_data_ctl (interface_module, remote_transaction_id,"
                            + " source_data_set_id, src_sys_data_set_ready_time, data_set_type, data_set_ready_time,"
                            + " data_file_merge_level, source_system_name, receiver_transaction_id) VALUES ('" + module
                            + "', '" + transactionId + "', 1, now(), 'FULL', now(), 'NO_MERGE', 'RMS', " + transaction
                            + ") RETURNING uploader_iface_mod_data_ctlid");
            sql.execute("INSERT INTO bdi_upldr_data_set_file (uploader_iface_mod_data_ctlid, file_number,"
                    + " interface_short_name, merge_level, file_path) VALUES (" + handOver
                    + ", 1, 'Diff', 'NO_MERGE', '"
                    + file + "')");
            return handOver;
        }
    }

    private static long key(Statement sql, String insert) throws SQLException {
        try (ResultSet key = sql.executeQuery(insert)) {
            key.next();
            return key.getLong(1);
        }
    }

    private void putDestination(String name, String url) {
        as(admin)
                .contentType(ContentType.JSON)
                .body("{\"url\": \"" + url + "\", \"username\": \"nobody\", \"password\": \"nobody-password-1\"}")
                .put("/system-setting/destinations/" + name)
                .then()
                .statusCode(200);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
