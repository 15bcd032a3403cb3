package org.bdisuite.batchadmin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bdisuite.batchadmin.BatchApi.as;
import static org.bdisuite.batchadmin.BatchApi.awaitStatus;
import static org.bdisuite.batchadmin.BatchApi.awaitTrue;
import static org.bdisuite.batchadmin.BatchApi.execution;
import static org.bdisuite.batchadmin.BatchApi.start;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.bdisuite.batchadmin.service.ExecutionLeases;
import org.bdisuite.batchadmin.testjobs.HoldingBatchlet;
import org.bdisuite.model.Roles;
import org.bdisuite.test.EmbeddedPostgresResource;
import org.bdisuite.test.Sql;
import org.bdisuite.test.TestUsers;
import org.bdisuite.test.TestUsers.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Crash detection: a replica that dies leaves its executions STARTED; when its lease expires they become FAILED
 * with an exit status that says why, and restart. A live replica's execution is never restarted (strict mode).
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class ExecutionLeaseTest {

    @Inject
    DataSource dataSource;

    @Inject
    ExecutionLeases leases;

    private TestUser operator;

    @BeforeEach
    void users() {
        operator = TestUsers.create(dataSource, "lease-operator", Roles.OPERATOR);
    }

    @Test
    void aDeadReplicasExecutionFailsWhenItsLeaseExpiresAndThenRestarts() throws SQLException {
        long dead = runningExecution("quick-test-job", "replica-that-died", "now() - interval '1 hour'", "now()");
        long alive = runningExecution("quick-test-job", "replica-alive", "now() + interval '1 day'", "now()");

        JsonPath failed = awaitStatus(operator, dead, "FAILED");
        assertThat(failed.getString("exitStatus"))
                .contains("replica replica-that-died stopped renewing its lease")
                .contains("presumed crashed");
        assertThat(failed.getBoolean("restartable")).isTrue();
        assertThat(failed.getString("stepExecutionVo[0].stepStatus")).isEqualTo("FAILED");
        assertThat(Sql.singleLong(
                        dataSource, "SELECT count(*) FROM batch_execution_lease WHERE job_execution_id = " + dead))
                .isZero();

        // The same sweep left the live replica's execution alone, and strict mode refuses to restart it.
        assertThat(execution(operator, alive).getString("executionStatus")).isEqualTo("STARTED");
        as(operator)
                .post("/batch/jobs/executions/" + alive)
                .then()
                .statusCode(409)
                .body("code", equalTo("restart-running"))
                .body("message", containsString("replica-alive"));

        long restarted = as(operator)
                .post("/batch/jobs/executions/" + dead)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("executionId");
        awaitStatus(operator, restarted, "COMPLETED");
    }

    @Test
    void aRunningExecutionWithoutAnyLeaseFailsAfterTheOrphanGrace() throws SQLException {
        long orphan = runningExecution("quick-test-job", null, null, "timestamptz '1971-01-01 00:00:00+00'");
        JsonPath failed = awaitStatus(operator, orphan, "FAILED");
        assertThat(failed.getString("exitStatus")).contains("without a lease");
    }

    @Test
    void thisReplicaHoldsAndRenewsTheLeaseOfWhatItRunsAndReleasesItAtTheEnd() throws SQLException {
        long executionId = start(operator, "lifecycle-test-job", null);
        long instanceId = execution(operator, executionId).getLong("jobInstanceId");
        awaitTrue("the batchlet to hold", () -> HoldingBatchlet.holding(instanceId));

        assertThat(leases.leaseOf(executionId))
                .get()
                .extracting(ExecutionLeases.Lease::owner)
                .isEqualTo(leases.owner());
        awaitTrue(
                "a renewal of the lease",
                () -> sqlBoolean("SELECT heartbeat_at > acquired_at FROM batch_execution_lease"
                        + " WHERE job_execution_id = " + executionId));
        assertThat(execution(operator, executionId).getString("executionStatus"))
                .isEqualTo("STARTED");

        as(operator).delete("/batch/jobs/executions/" + executionId).then().statusCode(200);
        awaitStatus(operator, executionId, "STOPPED");
        assertThat(leases.leaseOf(executionId)).isEmpty();
    }

    private boolean sqlBoolean(String sql) {
        try {
            return Boolean.parseBoolean(Sql.single(dataSource, sql)) || "t".equals(Sql.single(dataSource, sql));
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    /** An execution left STARTED (with a STARTED step) as a replica would leave it, with or without its lease. */
    private long runningExecution(String jobName, String owner, String heartbeatAt, String createTime)
            throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            long instance = key(
                    statement,
                    "INSERT INTO job_instance (jobname, applicationname) VALUES ('" + jobName
                            + "', 'test') RETURNING jobinstanceid");
            long execution = key(
                    statement,
                    "INSERT INTO job_execution (jobinstanceid, createtime, starttime, batchstatus,"
                            + " jobparameters) VALUES (" + instance + ", " + createTime + ", " + createTime
                            + ", 'STARTED', '')"
                            + " RETURNING jobexecutionid");
            statement.execute("INSERT INTO step_execution (jobexecutionid, stepname, starttime, batchstatus) VALUES ("
                    + execution + ", 'quick', now(), 'STARTED')");
            if (owner != null) {
                statement.execute(
                        "INSERT INTO batch_execution_lease (job_execution_id, owner, acquired_at, heartbeat_at)"
                                + " VALUES (" + execution + ", '" + owner + "', " + heartbeatAt + ", " + heartbeatAt
                                + ")");
            }
            return execution;
        }
    }

    private static long key(Statement statement, String insert) throws SQLException {
        try (ResultSet key = statement.executeQuery(insert)) {
            key.next();
            return key.getLong(1);
        }
    }
}
