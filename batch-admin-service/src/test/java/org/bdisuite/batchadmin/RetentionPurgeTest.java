package org.bdisuite.batchadmin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bdisuite.batchadmin.BatchApi.as;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.Arrays;
import javax.sql.DataSource;
import org.bdisuite.model.Roles;
import org.bdisuite.runtime.persistence.AdvisoryLock;
import org.bdisuite.runtime.persistence.PurgeLock;
import org.bdisuite.test.EmbeddedPostgresResource;
import org.bdisuite.test.Sql;
import org.bdisuite.test.TestUsers;
import org.bdisuite.test.TestUsers.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The retention purge of batch-admin (POST /system-setting/purge): JOB_HISTORY and NOTIFICATION_HISTORY. Old ended
 * data goes, young or running data stays, a dry run changes nothing and reports what the purge then does.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class RetentionPurgeTest {

    private static final String OLD = "now() - interval '100 days'";
    private static final String YOUNG = "now() - interval '10 days'";

    @Inject
    DataSource dataSource;

    @Inject
    PurgeLock lock;

    private TestUser admin;
    private TestUser operator;
    private TestUser monitor;

    @BeforeEach
    void users() {
        admin = TestUsers.create(dataSource, "purge-admin", Roles.ADMIN);
        operator = TestUsers.create(dataSource, "purge-operator", Roles.OPERATOR);
        monitor = TestUsers.create(dataSource, "purge-monitor", Roles.MONITOR);
    }

    private JsonPath purge(String kind, boolean dryRun) {
        return as(admin)
                .queryParam("kind", kind)
                .queryParam("dryRun", dryRun)
                .post("/system-setting/purge")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private long instance(String jobName) throws Exception {
        return Sql.singleLong(
                dataSource,
                "INSERT INTO job_instance (jobname, applicationname) VALUES ('" + jobName + "', 'test')"
                        + " RETURNING jobinstanceid");
    }

    /** An execution (with one step) of the instance, in the given status, ended at {@code end} (SQL). */
    private long execution(long instance, String status, String end) throws Exception {
        long execution = Sql.singleLong(
                dataSource,
                "INSERT INTO job_execution (jobinstanceid, createtime, starttime, endtime, lastupdatedtime,"
                        + " batchstatus, exitstatus, jobparameters) VALUES (" + instance + ", " + end + ", " + end
                        + ", " + (status.equals("STARTED") ? "NULL" : end) + ", " + end + ", '" + status + "', '"
                        + status + "', '') RETURNING jobexecutionid");
        Sql.execute(
                dataSource,
                "INSERT INTO step_execution (jobexecutionid, stepname, starttime, endtime, batchstatus, exitstatus)"
                        + " VALUES (" + execution + ", 'step1', " + end + ", " + end + ", '" + status + "', '"
                        + status + "')");
        return execution;
    }

    private long count(String sql) throws Exception {
        return Sql.singleLong(dataSource, sql);
    }

    @Test
    void jobHistoryOfEndedInstancesGoesAndRunningOrYoungOnesStay() throws Exception {
        // Other test classes share the database and may leave old ended executions (e.g. ones a lease check
        // failed): they go too, so the numbers are counted on top of theirs.
        long others = purge("JOB_HISTORY", true).getLong("kinds[0].rows");
        long old = instance("Purge_Old_Job");
        execution(old, "FAILED", OLD);
        execution(old, "COMPLETED", OLD);
        long running = instance("Purge_Running_Job");
        execution(running, "FAILED", OLD);
        long runningExecution = execution(running, "STARTED", OLD);
        long young = instance("Purge_Young_Job");
        execution(young, "COMPLETED", YOUNG);
        long dataSetInstance = instance("Purge_Fnd_ImporterJob");
        execution(dataSetInstance, "COMPLETED", OLD);
        Sql.execute(
                dataSource,
                "INSERT INTO bdi_job_data_set (job_name, job_instance_id, interface_module, data_control_kind,"
                        + " data_control_id, completed_at) VALUES ('Purge_Fnd_ImporterJob', " + dataSetInstance
                        + ", 'Purge_Fnd', 'UPLOADER', 4711, " + OLD + ")");
        String executions = "SELECT count(*) FROM job_execution WHERE jobinstanceid IN (" + old + ", " + running + ", "
                + young + ", " + dataSetInstance + ")";

        JsonPath dry = purge("JOB_HISTORY", true);

        assertThat(dry.getBoolean("dryRun")).isTrue();
        assertThat(dry.getList("kinds")).hasSize(1);
        // The old instance: 2 executions, 2 steps, the instance; the data set's: 1 execution, 1 step.
        assertThat(dry.getLong("kinds[0].rows")).isEqualTo(others + 7);
        assertThat(dry.getLong("kinds[0].bytes")).isPositive();
        assertThat(count(executions)).isEqualTo(6);

        JsonPath done = purge("JOB_HISTORY", false);

        assertThat(done.getBoolean("dryRun")).isFalse();
        assertThat(done.getLong("kinds[0].rows")).isEqualTo(others + 7);
        assertThat(done.getLong("kinds[0].bytes")).isEqualTo(dry.getLong("kinds[0].bytes"));
        assertThat(count("SELECT count(*) FROM job_instance WHERE jobinstanceid = " + old))
                .isZero();
        assertThat(count("SELECT count(*) FROM job_execution WHERE jobinstanceid = " + running))
                .isEqualTo(2);
        assertThat(count("SELECT count(*) FROM job_execution WHERE jobexecutionid = " + runningExecution))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM job_execution WHERE jobinstanceid = " + young))
                .isEqualTo(1);
        // The instance that completed a data set stays (its row says the data set is done); its history goes.
        assertThat(count("SELECT count(*) FROM job_execution WHERE jobinstanceid = " + dataSetInstance))
                .isZero();
        assertThat(count("SELECT count(*) FROM bdi_job_data_set WHERE job_instance_id = " + dataSetInstance))
                .isEqualTo(1);
        assertThat(purge("JOB_HISTORY", true).getLong("kinds[0].rows")).isZero();
        assertThat(metric("bdi_purge_rows_total", "JOB_HISTORY")).isGreaterThanOrEqualTo(7.0);
        assertThat(metric("bdi_purge_bytes_total", "JOB_HISTORY")).isPositive();
    }

    @Test
    void notificationHistoryGoesWhenEndedAndOldAndPendingOrYoungStays() throws Exception {
        long others = purge("NOTIFICATION_HISTORY", true).getLong("kinds[0].rows");
        long oldEvent = event("purge-old", OLD, OLD);
        long undispatched = event("purge-undispatched", OLD, "NULL");
        long youngEvent = event("purge-young", YOUNG, YOUNG);
        long sent = delivery(oldEvent, "EMAIL", "SENT", OLD);
        long pending = delivery(oldEvent, "WEBHOOK", "PENDING", OLD);
        long youngFailed = delivery(youngEvent, "EMAIL", "FAILED", YOUNG);

        JsonPath dry = purge("NOTIFICATION_HISTORY", true);

        assertThat(dry.getLong("kinds[0].rows")).isEqualTo(others + 2);
        assertThat(count("SELECT count(*) FROM suite_event WHERE id = " + oldEvent))
                .isEqualTo(1);

        JsonPath done = purge("NOTIFICATION_HISTORY", false);

        assertThat(done.getLong("kinds[0].rows")).isEqualTo(others + 2);
        assertThat(done.getLong("kinds[0].bytes")).isEqualTo(dry.getLong("kinds[0].bytes"));
        assertThat(Sql.column(
                        dataSource,
                        "SELECT id::text FROM suite_event WHERE id IN (" + oldEvent + ", " + undispatched + ", "
                                + youngEvent + ") ORDER BY id"))
                .containsExactly(String.valueOf(undispatched), String.valueOf(youngEvent));
        assertThat(Sql.column(
                        dataSource,
                        "SELECT id::text FROM notification_delivery WHERE id IN (" + sent + ", " + pending + ", "
                                + youngFailed + ") ORDER BY id"))
                .containsExactly(String.valueOf(pending), String.valueOf(youngFailed));
    }

    private long event(String key, String created, String dispatched) throws Exception {
        return Sql.singleLong(
                dataSource,
                "INSERT INTO suite_event (kind, subject, occurrence_key, created_at, dispatched_at) VALUES"
                        + " ('JOB_EXECUTION_FAILED', 'Purge_Job', '" + key + "', " + created + ", " + dispatched
                        + ") RETURNING id");
    }

    private long delivery(long event, String channel, String status, String created) throws Exception {
        return Sql.singleLong(
                dataSource,
                "INSERT INTO notification_delivery (event_id, rule_id, rule_name, channel, status, created_at,"
                        + " updated_at) VALUES (" + event + ", 1, 'ops', '" + channel + "', '" + status + "', "
                        + created + ", " + created + ") RETURNING id");
    }

    @Test
    void everyKindIsReportedAndOnlyAdministratorsMayPurge() {
        JsonPath all = as(admin)
                .queryParam("dryRun", "true")
                .post("/system-setting/purge")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(all.getList("kinds.kind", String.class)).containsExactly("JOB_HISTORY", "NOTIFICATION_HISTORY");
        assertThat(all.getString("kinds[0].retention")).isEqualTo("PT2160H");

        as(operator).post("/system-setting/purge").then().statusCode(403);
        as(monitor)
                .queryParam("dryRun", "true")
                .post("/system-setting/purge")
                .then()
                .statusCode(403);
    }

    @Test
    void badInputIsA400AndAPurgeRunningElsewhereA409() {
        String body = as(admin)
                .queryParam("dryRun", "maybe")
                .post("/system-setting/purge")
                .then()
                .statusCode(400)
                .extract()
                .asString();
        assertThat(body).contains("dryRun: must be true or false");
        String message = as(admin)
                .queryParam("kind", "RECEIVER_DATA")
                .post("/system-setting/purge")
                .then()
                .statusCode(400)
                .extract()
                .jsonPath()
                .getString("message");
        assertThat(message).contains("JOB_HISTORY, NOTIFICATION_HISTORY");

        try (AdvisoryLock held = lock.tryAcquire("batch-admin-service").orElseThrow()) {
            String code = as(admin)
                    .post("/system-setting/purge")
                    .then()
                    .statusCode(409)
                    .extract()
                    .jsonPath()
                    .getString("code");
            assertThat(code).isEqualTo("purge-running");
            // A dry run deletes nothing and needs no lock.
            as(admin)
                    .queryParam("dryRun", "true")
                    .post("/system-setting/purge")
                    .then()
                    .statusCode(200);
        }
    }

    private double metric(String name, String kind) {
        String metrics =
                as(admin).get("/q/metrics").then().statusCode(200).extract().asString();
        return Arrays.stream(metrics.split("\n"))
                .filter(line -> line.startsWith(name + "{") && line.contains("kind=\"" + kind + "\""))
                // the value follows the labels; an exemplar (trace and span id, value, time) may follow the value
                .map(line -> Double.parseDouble(
                        line.substring(line.indexOf("} ") + 2).split(" ")[0]))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " of " + kind));
    }
}
