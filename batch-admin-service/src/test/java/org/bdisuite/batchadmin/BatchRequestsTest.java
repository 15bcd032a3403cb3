package org.bdisuite.batchadmin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.bdisuite.batchadmin.BatchApi.as;
import static org.bdisuite.batchadmin.BatchApi.awaitStatus;
import static org.bdisuite.batchadmin.BatchApi.start;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.bdisuite.model.Roles;
import org.bdisuite.test.EmbeddedPostgresResource;
import org.bdisuite.test.Sql;
import org.bdisuite.test.TestUsers;
import org.bdisuite.test.TestUsers.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Batch Service's reads, formats, roles and bad input: clear 4xx with the error body, and nothing started. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class BatchRequestsTest {

    private static final String PAGED_JOB = "paging-test-job";
    private static final String KEYSET_JOB = "keyset-test-job";

    @Inject
    DataSource dataSource;

    private TestUser operator;
    private TestUser monitor;
    private TestUser admin;

    @BeforeEach
    void users() throws SQLException {
        operator = TestUsers.create(dataSource, "requests-operator", Roles.OPERATOR);
        monitor = TestUsers.create(dataSource, "requests-monitor", Roles.MONITOR);
        admin = TestUsers.create(dataSource, "requests-admin", Roles.ADMIN);
        Sql.execute(
                dataSource,
                "CREATE TABLE IF NOT EXISTS batch_test_item (instance_id BIGINT NOT NULL, item INT NOT NULL)");
    }

    @Test
    void jobsAndTheirXmlFilesAreListed() {
        as(monitor)
                .get("/batch/jobs")
                .then()
                .statusCode(200)
                .body("jobVo.jobName", hasItems("lifecycle-test-job", "fail-at-item-test-job"))
                .body(
                        "jobVo.find { it.jobName == 'fail-at-item-test-job' }.jobXmlFile",
                        equalTo("META-INF/batch-jobs/fail-at-item-test-job.xml"));
        as(monitor)
                .get("/batch/jobs/job-def-xml-files")
                .then()
                .statusCode(200)
                .body("jobXmlFileVo.fileName", hasItem("META-INF/batch-jobs/lifecycle-test-job.xml"));
    }

    @Test
    void startAnswersTheSpecsExecutionIdVoInJsonAndXml() {
        long json = start(admin, "fail-at-item-test-job", "dataSetId=1");
        awaitStatus(admin, json, "FAILED");
        String xml = as(operator)
                .accept("application/xml")
                .queryParam("jobParameters", "dataSetId=2")
                .post("/batch/jobs/fail-at-item-test-job")
                .then()
                .statusCode(200)
                .contentType(startsWith("application/xml"))
                .extract()
                .asString();
        assertThat(xml)
                .startsWith("<executionIdVo>")
                .contains("<jobName>fail-at-item-test-job</jobName>")
                .contains("<executionId>");
        long executionId = Long.parseLong(xml.replaceAll(".*<executionId>(\\d+)</executionId>.*", "$1"));
        awaitStatus(operator, executionId, "FAILED");

        String status = as(monitor)
                .accept("application/xml")
                .get("/batch/jobs/fail-at-item-test-job/" + executionId)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(status)
                .startsWith("<jobInstanceExecutionsVo>")
                .contains("<jobInstanceExecutionVo><executionId>" + executionId
                        + "</executionId><executionStatus>FAILED</executionStatus>");
        String execution = as(monitor)
                .accept("application/xml")
                .get("/batch/jobs/executions/" + executionId)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(execution)
                .startsWith("<jobExecutionVo>")
                .contains("<stepExecutionVo>")
                .contains("<dataSetId>2</dataSetId>");
    }

    @Test
    void theMonitorReadsButNeitherStartsStopsRestartsNorAbandons() throws SQLException {
        long failed = start(operator, "fail-at-item-test-job", null);
        awaitStatus(operator, failed, "FAILED");
        long executions = executionRows();

        as(monitor).get("/batch/jobs/executions").then().statusCode(200);
        as(monitor)
                .post("/batch/jobs/fail-at-item-test-job")
                .then()
                .statusCode(403)
                .body("status", equalTo("FORBIDDEN"));
        as(monitor).post("/batch/jobs/executions/" + failed).then().statusCode(403);
        as(monitor).post("/batch/jobs/executions/" + failed + "/abandon").then().statusCode(403);
        as(monitor).delete("/batch/jobs/executions/" + failed).then().statusCode(403);
        as(monitor).delete("/batch/jobs/executions").then().statusCode(403);
        given().get("/batch/jobs").then().statusCode(401);

        assertThat(executionRows()).isEqualTo(executions);
        assertThat(BatchApi.execution(operator, failed).getString("executionStatus"))
                .isEqualTo("FAILED");
    }

    @Test
    void unknownJobsInstancesExecutionsAndStepsAre404InJsonAndXml() throws SQLException {
        long instances = Sql.singleLong(dataSource, "SELECT count(*) FROM job_instance");
        as(operator)
                .post("/batch/jobs/no-such-job")
                .then()
                .statusCode(404)
                .body("statusCode", equalTo(404))
                .body("status", equalTo("NOT_FOUND"))
                .body("message", equalTo("No job no-such-job"));
        String xml = as(operator)
                .accept("application/xml")
                .post("/batch/jobs/no-such-job")
                .then()
                .statusCode(404)
                .extract()
                .asString();
        assertThat(xml)
                .startsWith("<exceptionVo>")
                .contains("<statusCode>404</statusCode>")
                .contains("<status>NOT_FOUND</status>")
                .contains("<message>No job no-such-job</message>");
        assertThat(Sql.singleLong(dataSource, "SELECT count(*) FROM job_instance"))
                .isEqualTo(instances);

        as(monitor).get("/batch/jobs/no-such-job").then().statusCode(404).body("code", equalTo("no-job"));
        as(monitor).get("/batch/jobs/no-such-job/executions").then().statusCode(404);
        as(monitor)
                .get("/batch/jobs/executions/987654321")
                .then()
                .statusCode(404)
                .body("message", equalTo("No job execution 987654321"));
        as(monitor)
                .accept("application/xml")
                .get("/batch/jobs/executions/987654321")
                .then()
                .statusCode(404)
                .body(startsWith("<exceptionVo>"));
        as(monitor).get("/batch/jobs/executions/987654321/steps").then().statusCode(404);
        as(monitor)
                .get("/batch/jobs/lifecycle-test-job/987654321/executions")
                .then()
                .statusCode(404)
                .body("code", equalTo("no-job-instance"));
        as(monitor).get("/batch/jobs/lifecycle-test-job/987654321").then().statusCode(404);
        as(operator).post("/batch/jobs/executions/987654321").then().statusCode(404);
        as(operator).delete("/batch/jobs/executions/987654321").then().statusCode(404);
        as(operator).post("/batch/jobs/executions/987654321/abandon").then().statusCode(404);

        long failed = start(operator, "fail-at-item-test-job", null);
        awaitStatus(operator, failed, "FAILED");
        // An execution exists, but not of the job the path names; a step exists, but not in that execution.
        as(monitor).get("/batch/jobs/lifecycle-test-job/" + failed).then().statusCode(404);
        as(monitor)
                .get("/batch/jobs/executions/" + failed + "/steps/987654321")
                .then()
                .statusCode(404)
                .body("code", equalTo("no-step-execution"));
    }

    @Test
    void malformedParametersAre400AndStartNothing() throws SQLException {
        long instances = Sql.singleLong(dataSource, "SELECT count(*) FROM job_instance");
        for (String bad : List.of("a", "a=1,,b=2", "=1", "1a=2", "a=1,a=2", "a b=1")) {
            as(operator)
                    .queryParam("jobParameters", bad)
                    .post("/batch/jobs/fail-at-item-test-job")
                    .then()
                    .statusCode(400)
                    .body("status", equalTo("BAD_REQUEST"))
                    .body("errors[0].field", equalTo("jobParameters"));
        }
        as(operator)
                .accept("application/xml")
                .queryParam("jobParameters", "nonsense")
                .post("/batch/jobs/fail-at-item-test-job")
                .then()
                .statusCode(400)
                .body(startsWith("<exceptionVo>"), containsString("jobParameters"));
        assertThat(Sql.singleLong(dataSource, "SELECT count(*) FROM job_instance"))
                .isEqualTo(instances);

        as(monitor)
                .get("/batch/jobs/executions/abc")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("jobExecutionId"));
        as(operator).post("/batch/jobs/executions/-3").then().statusCode(400);
        as(monitor)
                .queryParam("page", "-1")
                .get("/batch/jobs/executions")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("page"));
        as(monitor).queryParam("size", "0").get("/batch/jobs/executions").then().statusCode(400);
        as(monitor)
                .queryParam("size", "501")
                .get("/batch/jobs/executions")
                .then()
                .statusCode(400);
        as(monitor)
                .queryParam("status", "RUNNING")
                .get("/batch/jobs/executions")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("status"));
        as(monitor)
                .queryParam("from", "2026-01-01")
                .get("/batch/jobs/executions")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("from"));
        // A time Java reads but PostgreSQL cannot compare: a 400, not the database's 500.
        as(monitor)
                .queryParam("from", "+999999999-01-01T00:00:00Z")
                .get("/batch/jobs/executions")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("from"))
                .body("message", containsString("between the years 1 and 9999"));
        as(monitor)
                .queryParam("from", "2026-01-02T00:00:00Z")
                .queryParam("to", "2026-01-01T00:00:00Z")
                .get("/batch/jobs/executions")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("to"));
        as(monitor)
                .queryParam("status", "COMPLETED")
                .get("/batch/jobs/currently-running-jobs")
                .then()
                .statusCode(400);
        for (String bad : List.of("0", "-4", "x", "9223372036854775808")) {
            as(monitor)
                    .queryParam("after", bad)
                    .get("/batch/jobs/executions")
                    .then()
                    .statusCode(400)
                    .body("errors[0].field", equalTo("after"));
        }
        as(monitor)
                .queryParam("after", "5")
                .queryParam("page", "1")
                .get("/batch/jobs/executions")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("after"));
        as(monitor)
                .queryParam("after", "5")
                .get("/batch/jobs/fail-at-item-test-job")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("after"));
    }

    @Test
    void keysetPagesFollowEachOtherWithoutGapOrRepeatAndKeepTheFilters() throws SQLException {
        List<Long> ids = seedExecutions(KEYSET_JOB); // oldest first: COMPLETED, FAILED, STOPPED, COMPLETED, STARTED
        JsonPath first = as(monitor)
                .queryParam("size", 2)
                .get("/batch/jobs/" + KEYSET_JOB + "/executions")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(first.getLong("nextAfter")).isEqualTo(ids.get(3));
        JsonPath second = as(monitor)
                .queryParam("size", 2)
                .queryParam("after", first.getLong("nextAfter"))
                .get("/batch/jobs/" + KEYSET_JOB + "/executions")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(second.getList("jobExecutionVo.executionId", Long.class)).containsExactly(ids.get(2), ids.get(1));
        assertThat(second.getBoolean("hasMore")).isTrue();
        JsonPath third = as(monitor)
                .queryParam("size", 2)
                .queryParam("after", second.getLong("nextAfter"))
                .get("/batch/jobs/" + KEYSET_JOB + "/executions")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(third.getList("jobExecutionVo.executionId", Long.class)).containsExactly(ids.get(0));
        assertThat(third.getBoolean("hasMore")).isFalse();
        assertThat(third.getString("nextAfter")).isNull();

        // With a filter the keyset continues within it: after the newest COMPLETED comes the older COMPLETED only.
        as(monitor)
                .queryParam("status", "COMPLETED")
                .queryParam("after", ids.get(3))
                .get("/batch/jobs/" + KEYSET_JOB + "/executions")
                .then()
                .statusCode(200)
                .body("jobExecutionVo.executionId", equalTo(asInts(ids.get(0))));
        as(monitor)
                .accept("application/xml")
                .queryParam("size", 1)
                .get("/batch/jobs/" + KEYSET_JOB + "/executions")
                .then()
                .statusCode(200)
                .body(containsString("<nextAfter>" + ids.get(4) + "</nextAfter>"));
    }

    @Test
    void listsAreNewestFirstPagedAndFiltered() throws SQLException {
        List<Long> ids = seedExecutions(PAGED_JOB); // oldest first: COMPLETED, FAILED, STOPPED, COMPLETED, STARTED
        JsonPath first = as(monitor)
                .queryParam("size", 2)
                .get("/batch/jobs/" + PAGED_JOB + "/executions")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(first.getList("jobExecutionVo.executionId", Long.class)).containsExactly(ids.get(4), ids.get(3));
        assertThat(first.getBoolean("hasMore")).isTrue();
        JsonPath last = as(monitor)
                .queryParam("size", 2)
                .queryParam("page", 2)
                .get("/batch/jobs/" + PAGED_JOB + "/executions")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(last.getList("jobExecutionVo.executionId", Long.class)).containsExactly(ids.get(0));
        assertThat(last.getBoolean("hasMore")).isFalse();

        as(monitor)
                .queryParam("status", "COMPLETED,FAILED")
                .get("/batch/jobs/" + PAGED_JOB + "/executions")
                .then()
                .statusCode(200)
                .body("jobExecutionVo.executionId", equalTo(asInts(ids.get(3), ids.get(1), ids.get(0))));
        as(monitor)
                .queryParam("from", "2026-03-02T00:00:00+01:00")
                .queryParam("to", "2026-03-04T00:00:00+01:00")
                .get("/batch/jobs/" + PAGED_JOB + "/executions")
                .then()
                .statusCode(200)
                .body("jobExecutionVo.executionId", equalTo(asInts(ids.get(2), ids.get(1))));
        as(monitor)
                .queryParam("status", "STARTED")
                .get("/batch/jobs/currently-running-jobs")
                .then()
                .statusCode(200)
                .body("jobExecutionVo.executionId", hasItem(ids.get(4).intValue()));

        // Flags: the STOPPED one is not the latest of its instance (the STARTED one is), so it is not restartable.
        JsonPath all = as(monitor)
                .get("/batch/jobs/" + PAGED_JOB + "/executions")
                .then()
                .extract()
                .jsonPath();
        assertThat(all.getList("jobExecutionVo.restartable", Boolean.class))
                .containsExactly(false, false, false, true, false);
        assertThat(all.getList("jobExecutionVo.stoppable", Boolean.class))
                .containsExactly(true, false, false, false, false);

        as(monitor)
                .get("/batch/jobs/" + PAGED_JOB)
                .then()
                .statusCode(200)
                .body("jobInstanceVo.size()", equalTo(3))
                .body("jobInstanceVo[0].latestExecutionStatus", equalTo("STARTED"));
        as(monitor)
                .queryParam("status", "FAILED")
                .get("/batch/jobs/" + PAGED_JOB)
                .then()
                .statusCode(200)
                .body("jobInstanceVo.size()", equalTo(1));
    }

    private static List<Integer> asInts(Long... ids) {
        return java.util.Arrays.stream(ids).map(Long::intValue).toList();
    }

    /** Five executions of a job no XML defines, over three instances, a day apart (2026-03-01 .. 03-05 UTC). */
    private List<Long> seedExecutions(String job) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            long[] instances = new long[3];
            for (int i = 0; i < 3; i++) {
                try (Statement insert = connection.createStatement();
                        ResultSet key =
                                insert.executeQuery("INSERT INTO job_instance (jobname, applicationname) VALUES ('"
                                        + job + "', 'test') RETURNING jobinstanceid")) {
                    key.next();
                    instances[i] = key.getLong(1);
                }
            }
            String[] statuses = {"COMPLETED", "FAILED", "STOPPED", "COMPLETED", "STARTED"};
            long[] instanceOf = {instances[0], instances[1], instances[2], instances[0], instances[2]};
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < statuses.length; i++) {
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO job_execution (jobinstanceid, "
                                + "createtime, starttime, batchstatus, jobparameters) VALUES (?, ?, ?, ?, '') RETURNING jobexecutionid")) {
                    OffsetDateTime time = OffsetDateTime.of(2026, 3, 1 + i, 12, 0, 0, 0, ZoneOffset.UTC);
                    insert.setLong(1, instanceOf[i]);
                    insert.setObject(2, time);
                    insert.setObject(3, time);
                    insert.setString(4, statuses[i]);
                    try (ResultSet key = insert.executeQuery()) {
                        key.next();
                        ids.add(key.getLong(1));
                    }
                }
            }
            return ids;
        }
    }

    private long executionRows() throws SQLException {
        return Sql.singleLong(dataSource, "SELECT count(*) FROM job_execution");
    }
}
