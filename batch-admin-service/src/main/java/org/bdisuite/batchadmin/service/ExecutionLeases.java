package org.bdisuite.batchadmin.service;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.bdisuite.batchadmin.config.BatchConfig;
import org.jboss.logging.Logger;

/**
 * Heartbeat leases of running executions. JBeret keeps an execution's state only in the memory of the JVM that
 * runs it and in the repository; when that JVM dies the execution stays STARTED forever and can neither be
 * stopped nor restarted. So the replica that runs an execution holds a lease on it and renews it; any replica
 * that finds a lease not renewed within the lease time marks the execution (and its unfinished steps) FAILED,
 * with an exit status that says why, which makes it restartable under the usual JSR-352 rules.
 */
@ApplicationScoped
public class ExecutionLeases {

    private static final Logger LOG = Logger.getLogger(ExecutionLeases.class);
    private static final String RUNNING = "('STARTING', 'STARTED', 'STOPPING')";

    private final AgroalDataSource dataSource;
    private final BatchConfig.Lease config;
    private final String owner;

    public ExecutionLeases(AgroalDataSource dataSource, BatchConfig config) {
        this.dataSource = dataSource;
        this.config = config.lease();
        this.owner = this.config.owner().orElseGet(ExecutionLeases::defaultOwner);
    }

    /** This replica's name in leases. */
    public String owner() {
        return owner;
    }

    /** A live lease on an execution: who runs it and when it last said so. */
    public record Lease(String owner, OffsetDateTime heartbeatAt) {}

    /** Takes the lease of an execution this replica is about to run (a restart takes over the old one's row). */
    public void acquire(long executionId) {
        update("""
                INSERT INTO batch_execution_lease (job_execution_id, owner) VALUES (?, ?)
                ON CONFLICT (job_execution_id) DO UPDATE SET owner = EXCLUDED.owner, heartbeat_at = now(),
                    version = batch_execution_lease.version + 1
                """, executionId, owner);
    }

    public void release(long executionId) {
        update("DELETE FROM batch_execution_lease WHERE job_execution_id = ? AND owner = ?", executionId, owner);
    }

    public Optional<Lease> leaseOf(long executionId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT owner, heartbeat_at FROM batch_execution_lease WHERE job_execution_id = ?")) {
            select.setLong(1, executionId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next()
                        ? Optional.of(new Lease(rows.getString(1), rows.getObject(2, OffsetDateTime.class)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the lease of job execution " + executionId + " failed", e);
        }
    }

    /** Renews this replica's leases, then fails the executions of replicas that stopped renewing theirs. */
    @Scheduled(
            every = "${suite.batch.lease.heartbeat-interval:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "batch-execution-lease-heartbeat")
    void heartbeat() {
        try {
            update(
                    "UPDATE batch_execution_lease SET heartbeat_at = now(), version = version + 1 WHERE owner = ?",
                    owner);
            failExpired();
        } catch (RuntimeException e) {
            // The next beat tries again; a lease survives several missed beats (ttl > interval).
            LOG.warnf(e, "Renewing the execution leases of %s failed", owner);
        }
    }

    /** Marks FAILED every running execution whose lease expired (or that never got one); returns their ids. */
    public List<Long> failExpired() {
        List<Long> failed = new ArrayList<>();
        for (Expired expired : findExpired()) {
            if (fail(expired)) {
                failed.add(expired.executionId());
            }
        }
        return failed;
    }

    private record Expired(long executionId, String owner, OffsetDateTime heartbeatAt) {
        String reason(Duration ttl) {
            return owner == null
                    ? "FAILED: the execution was left running without a lease (its replica died before taking one); "
                            + "marked FAILED so that it can be restarted"
                    : "FAILED: replica " + owner + " stopped renewing its lease (last heartbeat " + heartbeatAt
                            + ", lease " + ttl.toSeconds()
                            + "s) and is presumed crashed; marked FAILED so that it can be restarted";
        }
    }

    private List<Expired> findExpired() {
        String sql = "SELECT e.jobexecutionid, l.owner, l.heartbeat_at FROM job_execution e"
                + " LEFT JOIN batch_execution_lease l ON l.job_execution_id = e.jobexecutionid"
                + " WHERE e.batchstatus IN " + RUNNING
                + " AND ((l.owner IS NOT NULL AND l.owner <> ? AND l.heartbeat_at < now() - make_interval(secs => ?))"
                + "   OR (l.owner IS NULL AND coalesce(e.lastupdatedtime, e.createtime) < now() - make_interval(secs => ?)))"
                + " ORDER BY e.jobexecutionid";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, owner);
            select.setDouble(2, config.ttl().toMillis() / 1000.0);
            select.setDouble(3, config.orphanGrace().toMillis() / 1000.0);
            List<Expired> expired = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    expired.add(
                            new Expired(rows.getLong(1), rows.getString(2), rows.getObject(3, OffsetDateTime.class)));
                }
            }
            return expired;
        } catch (SQLException e) {
            throw new IllegalStateException("Looking for expired execution leases failed", e);
        }
    }

    /**
     * One transaction: the execution, its unfinished steps and partitions become FAILED, and the lease goes. The
     * status condition makes it safe when several replicas find the same expired lease at once.
     */
    private boolean fail(Expired expired) {
        String exitStatus = expired.reason(config.ttl());
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                int executions = execute(
                        connection,
                        "UPDATE job_execution SET batchstatus = 'FAILED', exitstatus = ?,"
                                + " endtime = now(), lastupdatedtime = now() WHERE jobexecutionid = ? AND batchstatus IN "
                                + RUNNING,
                        exitStatus,
                        expired.executionId());
                if (executions == 1) {
                    execute(
                            connection,
                            "UPDATE partition_execution SET batchstatus = 'FAILED', exitstatus = 'FAILED'"
                                    + " WHERE batchstatus IN " + RUNNING + " AND stepexecutionid IN"
                                    + " (SELECT stepexecutionid FROM step_execution WHERE jobexecutionid = ?)",
                            expired.executionId());
                    execute(
                            connection,
                            "UPDATE step_execution SET batchstatus = 'FAILED', exitstatus = ?, endtime = now()"
                                    + " WHERE jobexecutionid = ? AND batchstatus IN " + RUNNING,
                            exitStatus,
                            expired.executionId());
                    execute(
                            connection,
                            "DELETE FROM batch_execution_lease WHERE job_execution_id = ?",
                            expired.executionId());
                }
                connection.commit();
                if (executions == 1) {
                    LOG.warnf("Job execution %d marked FAILED: %s", expired.executionId(), exitStatus);
                }
                return executions == 1;
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Failing the expired job execution " + expired.executionId() + " failed", e);
        }
    }

    private void update(String sql, Object... arguments) {
        try (Connection connection = dataSource.getConnection()) {
            execute(connection, sql, arguments);
        } catch (SQLException e) {
            throw new IllegalStateException("Updating execution leases failed", e);
        }
    }

    private static int execute(Connection connection, String sql, Object... arguments) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < arguments.length; i++) {
                statement.setObject(i + 1, arguments[i]);
            }
            return statement.executeUpdate();
        }
    }

    private static String defaultOwner() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "replica";
        }
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
