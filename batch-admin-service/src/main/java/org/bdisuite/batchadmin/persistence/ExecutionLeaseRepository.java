package org.bdisuite.batchadmin.persistence;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * batch_execution_lease: the heartbeat lease of each running execution (which replica runs it, and when it last said
 * so). Failing an execution whose lease expired also writes JBeret's tables, through {@link JobRepositoryQueries},
 * in the same transaction.
 */
@ApplicationScoped
public class ExecutionLeaseRepository {

    /** A live lease on an execution: who runs it and when it last said so. */
    public record Lease(String owner, OffsetDateTime heartbeatAt) {}

    /** A running execution whose lease expired (owner null: it never took one). */
    public record Expired(long executionId, String owner, OffsetDateTime heartbeatAt) {}

    private final AgroalDataSource dataSource;

    public ExecutionLeaseRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Takes the lease of an execution (a restart takes over the old one's row). */
    public void acquire(long executionId, String owner) {
        update("""
                INSERT INTO batch_execution_lease (job_execution_id, owner) VALUES (?, ?)
                ON CONFLICT (job_execution_id) DO UPDATE SET owner = EXCLUDED.owner, heartbeat_at = now(),
                    version = batch_execution_lease.version + 1
                """, executionId, owner);
    }

    public void release(long executionId, String owner) {
        update("DELETE FROM batch_execution_lease WHERE job_execution_id = ? AND owner = ?", executionId, owner);
    }

    /** Renews every lease this owner holds. */
    public void renew(String owner) {
        update("UPDATE batch_execution_lease SET heartbeat_at = now(), version = version + 1 WHERE owner = ?", owner);
    }

    public Optional<Lease> leaseOf(long executionId) {
        try (Connection connection = dataSource.getConnection()) {
            return Jdbc.query(
                            connection,
                            "SELECT owner, heartbeat_at FROM batch_execution_lease WHERE job_execution_id = ?",
                            rows -> new Lease(rows.getString(1), rows.getObject(2, OffsetDateTime.class)),
                            executionId)
                    .stream()
                    .findFirst();
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the lease of job execution " + executionId + " failed", e);
        }
    }

    /**
     * Running executions of other owners whose lease was not renewed within {@code ttl}, and running executions
     * without a lease not updated within {@code orphanGrace}, oldest first.
     */
    public List<Expired> expired(String owner, Duration ttl, Duration orphanGrace) {
        String sql = "SELECT e.jobexecutionid, l.owner, l.heartbeat_at FROM job_execution e"
                + " LEFT JOIN batch_execution_lease l ON l.job_execution_id = e.jobexecutionid"
                + " WHERE e.batchstatus IN " + JobRepositoryQueries.RUNNING
                + " AND ((l.owner IS NOT NULL AND l.owner <> ? AND l.heartbeat_at < now() - make_interval(secs => ?))"
                + "   OR (l.owner IS NULL AND coalesce(e.lastupdatedtime, e.createtime) < now() - make_interval(secs => ?)))"
                + " ORDER BY e.jobexecutionid";
        try (Connection connection = dataSource.getConnection()) {
            return Jdbc.query(
                    connection,
                    sql,
                    rows -> new Expired(rows.getLong(1), rows.getString(2), rows.getObject(3, OffsetDateTime.class)),
                    owner,
                    ttl.toMillis() / 1000.0,
                    orphanGrace.toMillis() / 1000.0);
        } catch (SQLException e) {
            throw new IllegalStateException("Looking for expired execution leases failed", e);
        }
    }

    /**
     * One transaction: the execution, its unfinished steps and partitions become FAILED with this exit status (also
     * the execution's exit message, without the leading "FAILED: "), and the lease goes. The status condition makes it safe when several replicas find the same expired lease at once.
     *
     * @return whether this call failed it (false: it had ended or another replica failed it first)
     */
    public boolean fail(long executionId, String exitStatus) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                boolean failed = JobRepositoryQueries.failRunning(connection, executionId, exitStatus);
                if (failed) {
                    ExitMessageStore.record(connection, executionId, null, exitStatus.replaceFirst("^FAILED: ", ""));
                    Jdbc.execute(
                            connection, "DELETE FROM batch_execution_lease WHERE job_execution_id = ?", executionId);
                }
                connection.commit();
                return failed;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Failing the expired job execution " + executionId + " failed", e);
        }
    }

    private void update(String sql, Object... arguments) {
        try (Connection connection = dataSource.getConnection()) {
            Jdbc.execute(connection, sql, arguments);
        } catch (SQLException e) {
            throw new IllegalStateException("Updating execution leases failed", e);
        }
    }
}
