package org.bdisuite.batchadmin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bdisuite.batchadmin.BatchApi.as;
import static org.bdisuite.batchadmin.BatchApi.awaitStatus;
import static org.bdisuite.batchadmin.BatchApi.awaitTrue;
import static org.bdisuite.batchadmin.BatchApi.execution;
import static org.bdisuite.batchadmin.BatchApi.start;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.bdisuite.batchadmin.testjobs.HoldingBatchlet;
import org.bdisuite.model.Roles;
import org.bdisuite.test.EmbeddedPostgresResource;
import org.bdisuite.test.Sql;
import org.bdisuite.test.TestUsers;
import org.bdisuite.test.TestUsers.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The JSR-352 lifecycle through the Batch Service: each test reads like one of the rules it proves. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class BatchLifecycleTest {

    @Inject
    DataSource dataSource;

    private TestUser operator;

    @BeforeEach
    void users() throws SQLException {
        operator = TestUsers.create(dataSource, "lifecycle-operator", Roles.OPERATOR);
        Sql.execute(
                dataSource,
                "CREATE TABLE IF NOT EXISTS batch_test_item (instance_id BIGINT NOT NULL, item INT NOT NULL)");
    }

    /** Starts the holding job and waits until its batchlet holds, so a stop reaches it. */
    private long startHeld() {
        long executionId = start(operator, "lifecycle-test-job", "purpose=lifecycle");
        long instanceId = execution(operator, executionId).getLong("jobInstanceId");
        awaitTrue("the batchlet to hold", () -> HoldingBatchlet.holding(instanceId));
        return executionId;
    }

    @Test
    void startStopRestartCompletes() {
        long first = startHeld();
        JsonPath running = execution(operator, first);
        assertThat(running.getString("executionStatus")).isEqualTo("STARTED");
        assertThat(running.getBoolean("stoppable")).isTrue();
        assertThat(running.getBoolean("restartable")).isFalse();
        assertThat(running.getBoolean("abandonable")).isFalse();
        assertThat(running.getString("jobParameters.purpose")).isEqualTo("lifecycle");

        as(operator)
                .post("/batch/jobs/executions/" + first)
                .then()
                .statusCode(409)
                .body("code", equalTo("restart-running"));
        as(operator)
                .delete("/batch/jobs/executions/" + first)
                .then()
                .statusCode(200)
                .body("executionId", equalTo((int) first))
                .body("jobName", equalTo("lifecycle-test-job"));

        JsonPath stopped = awaitStatus(operator, first, "STOPPED");
        assertThat(stopped.getBoolean("restartable")).isTrue();
        assertThat(stopped.getBoolean("stoppable")).isFalse();
        assertThat(stopped.getBoolean("abandonable")).isTrue();
        as(operator)
                .delete("/batch/jobs/executions/" + first)
                .then()
                .statusCode(409)
                .body("code", equalTo("stop-not-running"))
                .body(
                        "message",
                        equalTo("Job execution " + first
                                + " is STOPPED; only a STARTING or STARTED execution can be stopped"));

        long second = as(operator)
                .post("/batch/jobs/executions/" + first)
                .then()
                .statusCode(200)
                .body("jobName", equalTo("lifecycle-test-job"))
                .extract()
                .jsonPath()
                .getLong("executionId");
        assertThat(second).isNotEqualTo(first);
        JsonPath completed = awaitStatus(operator, second, "COMPLETED");
        assertThat(completed.getLong("jobInstanceId")).isEqualTo(stopped.getLong("jobInstanceId"));
        assertThat(completed.getBoolean("restartable")).isFalse();

        // The stopped execution is no longer the most recent of its instance; the completed one never restarts.
        assertThat(execution(operator, first).getBoolean("restartable")).isFalse();
        as(operator)
                .post("/batch/jobs/executions/" + first)
                .then()
                .statusCode(409)
                .body("code", equalTo("restart-not-most-recent"));
        as(operator)
                .post("/batch/jobs/executions/" + second)
                .then()
                .statusCode(409)
                .body("code", equalTo("restart-not-stopped-or-failed"));

        long instanceId = completed.getLong("jobInstanceId");
        as(operator)
                .get("/batch/jobs/lifecycle-test-job/" + instanceId + "/executions")
                .then()
                .statusCode(200)
                .body("jobInstanceId", equalTo((int) instanceId))
                .body("jobInstanceExecutionVo.executionId", equalTo(List.of((int) second, (int) first)))
                .body("jobInstanceExecutionVo.executionStatus", equalTo(List.of("COMPLETED", "STOPPED")));
        // The instance's executions page like the other lists: never cut off silently.
        as(operator)
                .queryParam("size", 1)
                .get("/batch/jobs/lifecycle-test-job/" + instanceId + "/executions")
                .then()
                .statusCode(200)
                .body("page", equalTo(0))
                .body("size", equalTo(1))
                .body("hasMore", equalTo(true))
                .body("nextAfter", equalTo((int) second))
                .body("jobInstanceExecutionVo.executionId", equalTo(List.of((int) second)));
        as(operator)
                .queryParam("size", 1)
                .queryParam("after", second)
                .get("/batch/jobs/lifecycle-test-job/" + instanceId + "/executions")
                .then()
                .statusCode(200)
                .body("hasMore", equalTo(false))
                .body("$", not(hasKey("nextAfter")))
                .body("jobInstanceExecutionVo.executionId", equalTo(List.of((int) first)));
        as(operator)
                .get("/batch/jobs/lifecycle-test-job/" + second)
                .then()
                .statusCode(200)
                .body("jobInstanceId", equalTo((int) instanceId))
                .body("jobInstanceExecutionVo[0].executionStatus", equalTo("COMPLETED"));
    }

    @Test
    void aStoppedThenAbandonedExecutionNeverRestarts() throws SQLException {
        long executionId = startHeld();
        as(operator)
                .post("/batch/jobs/executions/" + executionId + "/abandon")
                .then()
                .statusCode(409)
                .body("code", equalTo("abandon-running"));
        as(operator).delete("/batch/jobs/executions/" + executionId).then().statusCode(200);
        awaitStatus(operator, executionId, "STOPPED");

        as(operator)
                .post("/batch/jobs/executions/" + executionId + "/abandon")
                .then()
                .statusCode(200)
                .body("executionId", equalTo((int) executionId));
        JsonPath abandoned = execution(operator, executionId);
        assertThat(abandoned.getString("executionStatus")).isEqualTo("ABANDONED");
        assertThat(abandoned.getBoolean("restartable")).isFalse();
        assertThat(abandoned.getBoolean("abandonable")).isFalse();

        long instanceId = abandoned.getLong("jobInstanceId");
        long executionsBefore =
                Sql.singleLong(dataSource, "SELECT count(*) FROM job_execution WHERE jobinstanceid = " + instanceId);
        as(operator)
                .post("/batch/jobs/executions/" + executionId)
                .then()
                .statusCode(409)
                .body("code", equalTo("restart-abandoned"))
                .body(
                        "message",
                        equalTo("Job execution " + executionId
                                + " is ABANDONED; an abandoned execution is never restarted"));
        as(operator)
                .post("/batch/jobs/executions/" + executionId + "/abandon")
                .then()
                .statusCode(409)
                .body("code", equalTo("abandon-abandoned"));
        assertThat(Sql.singleLong(dataSource, "SELECT count(*) FROM job_execution WHERE jobinstanceid = " + instanceId))
                .isEqualTo(executionsBefore);
    }

    @Test
    void stopAllStopsEveryRunningExecution() {
        long one = startHeld();
        long two = startHeld();
        List<Integer> stopped = as(operator)
                .delete("/batch/jobs/executions")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("executionIdVo.executionId", Integer.class);
        assertThat(stopped).contains((int) one, (int) two);
        awaitStatus(operator, one, "STOPPED");
        awaitStatus(operator, two, "STOPPED");
    }

    @Test
    void aJobFailingAtItem13RestartsFromItsCheckpointAndProcessesEveryItemOnce() throws SQLException {
        long first = start(operator, "fail-at-item-test-job", null);
        JsonPath failed = awaitStatus(operator, first, "FAILED");
        assertThat(failed.getBoolean("restartable")).isTrue();
        assertThat(failed.getInt("stepExecutionVo[0].readCount")).isEqualTo(13);
        assertThat(failed.getInt("stepExecutionVo[0].writeCount")).isEqualTo(10);
        long instanceId = failed.getLong("jobInstanceId");
        assertThat(items(instanceId))
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 10).boxed().toList());

        long second = as(operator)
                .post("/batch/jobs/executions/" + first)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("executionId");
        JsonPath completed = awaitStatus(operator, second, "COMPLETED");
        assertThat(completed.getInt("stepExecutionVo[0].readCount")).isEqualTo(20);

        assertThat(items(instanceId))
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 30).boxed().toList());
        assertThat(Sql.singleLong(dataSource, "SELECT count(*) FROM batch_test_item WHERE instance_id = " + instanceId))
                .isEqualTo(30);

        long stepId = completed.getLong("stepExecutionVo[0].stepExecutionId");
        as(operator)
                .get("/batch/jobs/executions/" + second + "/steps")
                .then()
                .statusCode(200)
                .body("stepExecutionVo.stepName", equalTo(List.of("numbers")));
        as(operator)
                .get("/batch/jobs/executions/" + second + "/steps/" + stepId)
                .then()
                .statusCode(200)
                .body("stepStatus", equalTo("COMPLETED"))
                .body("writeCount", equalTo(20));
    }

    private List<Integer> items(long instanceId) throws SQLException {
        try (var connection = dataSource.getConnection()) {
            return Sql.column(
                            connection,
                            "SELECT item FROM batch_test_item WHERE instance_id = " + instanceId + " ORDER BY item")
                    .stream()
                    .map(Integer::valueOf)
                    .toList();
        }
    }
}
