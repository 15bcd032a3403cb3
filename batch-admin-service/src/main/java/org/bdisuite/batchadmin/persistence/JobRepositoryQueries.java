package org.bdisuite.batchadmin.persistence;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bdisuite.batchadmin.api.ExecutionFilter;
import org.bdisuite.batchadmin.api.Page;
import org.bdisuite.runtime.retention.Reclaimed;

/**
 * Reads of the JSR-352 job repository (JOB_INSTANCE, JOB_EXECUTION, STEP_EXECUTION). These tables belong to
 * JBeret's schema, not to JPA entities, and the Batch Service needs paged, filtered, newest-first lists that
 * the JobOperator API cannot give (it loads every execution of a job), so they are plain SQL served by the
 * indexes of migration V10. Writes stay with JBeret, except two the runtime cannot make: failing the execution of
 * a crashed replica ({@link ExecutionLeaseRepository}) and the advisory lock a restart holds on its instance.
 */
@ApplicationScoped
public class JobRepositoryQueries {

    private static final String EXECUTION_COLUMNS = """
            SELECT e.jobexecutionid, e.jobinstanceid, i.jobname, e.batchstatus, e.exitstatus, e.createtime,
                   e.starttime, e.endtime, e.lastupdatedtime, e.jobparameters,
                   NOT EXISTS (SELECT 1 FROM job_execution n
                               WHERE n.jobinstanceid = e.jobinstanceid AND n.jobexecutionid > e.jobexecutionid) AS latest,
                   (SELECT t.trace_id FROM bdi_job_execution_trace t WHERE t.job_execution_id = e.jobexecutionid)
                       AS trace_id
            FROM job_execution e JOIN job_instance i ON i.jobinstanceid = e.jobinstanceid
            """;

    /** The statuses of an execution that has not ended. */
    static final String RUNNING = "('STARTING', 'STARTED', 'STOPPING')";

    private final AgroalDataSource dataSource;

    public JobRepositoryQueries(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * One page of executions matching the filter, newest first; one row more than the page when there are more.
     * The page's ids are found first (an index scan that skips OFFSET rows without computing anything for them),
     * and only those rows are joined and given their "most recent of the instance" flag.
     */
    public List<ExecutionRow> executions(ExecutionFilter filter, Page page) {
        StringBuilder ids = new StringBuilder("SELECT e.jobexecutionid FROM job_execution e");
        List<Object> arguments = new ArrayList<>();
        if (filter.jobName() != null) {
            ids.append(" JOIN job_instance i ON i.jobinstanceid = e.jobinstanceid WHERE i.jobname = ?");
            arguments.add(filter.jobName());
        } else {
            ids.append(" WHERE TRUE");
        }
        if (filter.jobInstanceId() != null) {
            ids.append(" AND e.jobinstanceid = ?");
            arguments.add(filter.jobInstanceId());
        }
        appendStatusAndTime(filter, ids, arguments, "e");
        if (page.after() != null) {
            ids.append(" AND e.jobexecutionid < ?");
            arguments.add(page.after());
        }
        ids.append(" ORDER BY e.jobexecutionid DESC LIMIT ? OFFSET ?");
        arguments.add(page.size() + 1);
        arguments.add(page.offset());
        String sql = EXECUTION_COLUMNS + " JOIN (" + ids + ") p ON p.jobexecutionid = e.jobexecutionid"
                + " ORDER BY e.jobexecutionid DESC";
        return query(sql, arguments, JobRepositoryQueries::execution);
    }

    public Optional<ExecutionRow> execution(long executionId) {
        return query(
                        EXECUTION_COLUMNS + " WHERE e.jobexecutionid = ?",
                        List.of(executionId),
                        JobRepositoryQueries::execution)
                .stream()
                .findFirst();
    }

    public Optional<InstanceRow> instance(long instanceId) {
        return query(
                        INSTANCE_COLUMNS + " WHERE i.jobinstanceid = ?",
                        List.of(instanceId),
                        JobRepositoryQueries::instance)
                .stream()
                .findFirst();
    }

    private static final String INSTANCE_COLUMNS = """
            SELECT i.jobinstanceid, i.jobname, l.jobexecutionid, l.batchstatus
            FROM job_instance i
            LEFT JOIN LATERAL (SELECT x.jobexecutionid, x.batchstatus FROM job_execution x
                               WHERE x.jobinstanceid = i.jobinstanceid
                               ORDER BY x.jobexecutionid DESC LIMIT 1) l ON TRUE
            """;

    /**
     * One page of a job's instances, newest first; with status or time filters, the instances that have at
     * least one matching execution.
     */
    public List<InstanceRow> instances(String jobName, ExecutionFilter filter, Page page) {
        StringBuilder ids = new StringBuilder("SELECT f0.jobinstanceid FROM job_instance f0 WHERE f0.jobname = ?");
        List<Object> arguments = new ArrayList<>();
        arguments.add(jobName);
        if (!filter.statuses().isEmpty() || filter.from() != null || filter.to() != null) {
            ids.append(" AND EXISTS (SELECT 1 FROM job_execution f WHERE f.jobinstanceid = f0.jobinstanceid");
            appendStatusAndTime(filter, ids, arguments, "f");
            ids.append(")");
        }
        ids.append(" ORDER BY f0.jobinstanceid DESC LIMIT ? OFFSET ?");
        arguments.add(page.size() + 1);
        arguments.add(page.offset());
        String sql = INSTANCE_COLUMNS + " JOIN (" + ids + ") p ON p.jobinstanceid = i.jobinstanceid"
                + " ORDER BY i.jobinstanceid DESC";
        return query(sql, arguments, JobRepositoryQueries::instance);
    }

    public boolean jobHasInstances(String jobName) {
        return !query("SELECT 1 FROM job_instance WHERE jobname = ? LIMIT 1", List.of(jobName), rows -> 1)
                .isEmpty();
    }

    /** The ids of all executions in these statuses, oldest first. */
    public List<ExecutionRow> executionsIn(List<String> statuses) {
        StringBuilder sql = new StringBuilder(EXECUTION_COLUMNS).append(" WHERE TRUE");
        List<Object> arguments = new ArrayList<>();
        appendStatusAndTime(new ExecutionFilter(null, null, statuses, null, null), sql, arguments, "e");
        sql.append(" ORDER BY e.jobexecutionid");
        return query(sql.toString(), arguments, JobRepositoryQueries::execution);
    }

    /** The ids of a job instance's executions, oldest first. */
    public List<Long> executionIds(long jobInstanceId) {
        return query(
                "SELECT jobexecutionid FROM job_execution WHERE jobinstanceid = ? ORDER BY jobexecutionid",
                List.of(jobInstanceId),
                rows -> rows.getLong(1));
    }

    /** Work that must not run for one job instance on two threads or replicas at once. */
    @FunctionalInterface
    public interface InstanceWork<T> {
        T run();
    }

    /**
     * Runs {@code work} while holding a transaction-scoped PostgreSQL advisory lock on the job instance (every
     * replica of every service sees the same lock).
     */
    public <T> T underInstanceLock(long instanceId, InstanceWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                Jdbc.query(
                        connection,
                        "SELECT pg_advisory_xact_lock(hashtextextended('jsr352-job-instance:' || ?, 0))",
                        rows -> 1,
                        instanceId);
                T result = work.run();
                connection.commit();
                return result;
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Locking job instance " + instanceId + " failed", e);
        }
    }

    /** Marks a still running execution, its unfinished partitions and steps FAILED; false when it was not running. */
    static boolean failRunning(Connection connection, long executionId, String exitStatus) throws SQLException {
        int executions = Jdbc.execute(
                connection,
                "UPDATE job_execution SET batchstatus = 'FAILED', exitstatus = ?, endtime = now(), lastupdatedtime = now()"
                        + " WHERE jobexecutionid = ? AND batchstatus IN " + RUNNING,
                exitStatus,
                executionId);
        if (executions == 0) {
            return false;
        }
        Jdbc.execute(
                connection,
                "UPDATE partition_execution SET batchstatus = 'FAILED', exitstatus = 'FAILED' WHERE batchstatus IN "
                        + RUNNING + " AND stepexecutionid IN"
                        + " (SELECT stepexecutionid FROM step_execution WHERE jobexecutionid = ?)",
                executionId);
        Jdbc.execute(
                connection,
                "UPDATE step_execution SET batchstatus = 'FAILED', exitstatus = ?, endtime = now()"
                        + " WHERE jobexecutionid = ? AND batchstatus IN " + RUNNING,
                exitStatus,
                executionId);
        return true;
    }

    /**
     * Executions that ended COMPLETED, FAILED or ABANDONED and were last updated at or after {@code since}, oldest
     * first (notifications and freshness; index of V18).
     */
    public List<ExecutionRow> endedSince(OffsetDateTime since) {
        return query(
                EXECUTION_COLUMNS + " WHERE e.batchstatus IN ('COMPLETED', 'FAILED', 'ABANDONED')"
                        + " AND e.lastupdatedtime >= ? ORDER BY e.jobexecutionid",
                List.of(since),
                JobRepositoryQueries::execution);
    }

    public List<StepRow> steps(long executionId) {
        return query(
                STEP_COLUMNS + " WHERE jobexecutionid = ? ORDER BY stepexecutionid",
                List.of(executionId),
                JobRepositoryQueries::step);
    }

    public Optional<StepRow> step(long executionId, long stepExecutionId) {
        return query(
                        STEP_COLUMNS + " WHERE jobexecutionid = ? AND stepexecutionid = ?",
                        List.of(executionId, stepExecutionId),
                        JobRepositoryQueries::step)
                .stream()
                .findFirst();
    }

    private static final String STEP_COLUMNS = """
            SELECT stepexecutionid, jobexecutionid, stepname, batchstatus, exitstatus, starttime, endtime, readcount,
                   writecount, commitcount, rollbackcount, readskipcount, processskipcount, filtercount, writeskipcount
            FROM step_execution
            """;

    private static void appendStatusAndTime(
            ExecutionFilter filter, StringBuilder sql, List<Object> arguments, String alias) {
        if (!filter.statuses().isEmpty()) {
            sql.append(" AND ")
                    .append(alias)
                    .append(".batchstatus IN (")
                    .append(String.join(
                            ", ",
                            java.util.Collections.nCopies(filter.statuses().size(), "?")))
                    .append(")");
            arguments.addAll(filter.statuses());
        }
        if (filter.from() != null) {
            sql.append(" AND ").append(alias).append(".createtime >= ?");
            arguments.add(filter.from());
        }
        if (filter.to() != null) {
            sql.append(" AND ").append(alias).append(".createtime < ?");
            arguments.add(filter.to());
        }
    }

    private <T> List<T> query(String sql, List<Object> arguments, Jdbc.RowMapper<T> mapper) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < arguments.size(); i++) {
                statement.setObject(i + 1, arguments.get(i));
            }
            try (ResultSet rows = statement.executeQuery()) {
                List<T> result = new ArrayList<>();
                while (rows.next()) {
                    result.add(mapper.map(rows));
                }
                return result;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the job repository failed", e);
        }
    }

    private static ExecutionRow execution(ResultSet rows) throws SQLException {
        return new ExecutionRow(
                rows.getLong(1),
                rows.getLong(2),
                rows.getString(3),
                rows.getString(4),
                rows.getString(5),
                rows.getObject(6, OffsetDateTime.class),
                rows.getObject(7, OffsetDateTime.class),
                rows.getObject(8, OffsetDateTime.class),
                rows.getObject(9, OffsetDateTime.class),
                rows.getString(10),
                rows.getBoolean(11),
                rows.getString(12));
    }

    private static InstanceRow instance(ResultSet rows) throws SQLException {
        long latest = rows.getLong(3);
        return new InstanceRow(rows.getLong(1), rows.getString(2), rows.wasNull() ? null : latest, rows.getString(4));
    }

    private static StepRow step(ResultSet rows) throws SQLException {
        return new StepRow(
                rows.getLong(1),
                rows.getLong(2),
                rows.getString(3),
                rows.getString(4),
                rows.getString(5),
                rows.getObject(6, OffsetDateTime.class),
                rows.getObject(7, OffsetDateTime.class),
                rows.getLong(8),
                rows.getLong(9),
                rows.getLong(10),
                rows.getLong(11),
                rows.getLong(12),
                rows.getLong(13),
                rows.getLong(14),
                rows.getLong(15));
    }

    /**
     * Up to {@code limit} job instances above {@code afterId}, in id order, whose every execution ended (none
     * STARTING / STARTED / STOPPING) before {@code cutoff}: the job history's retention takes an instance's
     * executions together, so the newest execution an operator might restart never goes alone. With {@code lock}
     * the instances are locked (FOR UPDATE, others skipped): a restart's new execution references its instance, so
     * it waits for the purge's commit and then fails instead of running an instance whose history is gone.
     */
    public List<Long> instancesEndedBefore(OffsetDateTime cutoff, long afterId, int limit, boolean lock) {
        String sql = "SELECT i.jobinstanceid FROM job_instance i WHERE i.jobinstanceid > ?"
                + " AND EXISTS (SELECT 1 FROM job_execution e WHERE e.jobinstanceid = i.jobinstanceid)"
                + " AND NOT EXISTS (SELECT 1 FROM job_execution e WHERE e.jobinstanceid = i.jobinstanceid"
                + " AND (e.batchstatus IS NULL OR e.batchstatus IN " + RUNNING
                + " OR coalesce(e.endtime, e.lastupdatedtime, e.createtime) >= ?))"
                + " ORDER BY i.jobinstanceid LIMIT ?" + (lock ? " FOR UPDATE SKIP LOCKED" : "");
        try (Connection connection = dataSource.getConnection()) {
            return Jdbc.query(connection, sql, rows -> rows.getLong(1), afterId, cutoff, limit);
        } catch (SQLException e) {
            throw new IllegalStateException("Finding ended job instances failed", e);
        }
    }

    /**
     * The rows the job history of these instances holds (executions, steps, partitions, and the instances that
     * go: those no pipeline data set names) and their stored size; deleted unless {@code dryRun}. An instance named
     * in bdi_job_data_set stays, with no executions: that row is what makes its data set "done" for its job, and a
     * deleted instance would take it along (ON DELETE CASCADE), so the data set would be sent or imported again.
     */
    public Reclaimed purgeHistoryOf(List<Long> instanceIds, boolean dryRun) {
        if (instanceIds.isEmpty()) {
            return Reclaimed.NOTHING;
        }
        String sizes = """
                WITH e AS (SELECT e.jobexecutionid, pg_column_size(e.*) AS size FROM job_execution e
                           WHERE e.jobinstanceid = ANY (?)),
                     s AS (SELECT s.stepexecutionid, pg_column_size(s.*) AS size FROM step_execution s
                           WHERE s.jobexecutionid IN (SELECT jobexecutionid FROM e)),
                     p AS (SELECT pg_column_size(p.*) AS size FROM partition_execution p
                           WHERE p.stepexecutionid IN (SELECT stepexecutionid FROM s)),
                     i AS (SELECT pg_column_size(i.*) AS size FROM job_instance i
                           WHERE i.jobinstanceid = ANY (?) AND NOT EXISTS
                                 (SELECT 1 FROM bdi_job_data_set d WHERE d.job_instance_id = i.jobinstanceid)),
                     every AS (SELECT size FROM e UNION ALL SELECT size FROM s UNION ALL SELECT size FROM p
                               UNION ALL SELECT size FROM i)
                SELECT count(*), coalesce(sum(size), 0) FROM every
                """;
        try (Connection connection = dataSource.getConnection()) {
            java.sql.Array ids = connection.createArrayOf("bigint", instanceIds.toArray());
            Reclaimed found = Jdbc.query(
                            connection, sizes, rows -> new Reclaimed(rows.getLong(1), rows.getLong(2)), ids, ids)
                    .get(0);
            if (!dryRun) {
                // Steps and partitions go with their executions (ON DELETE CASCADE of V3).
                Jdbc.execute(connection, "DELETE FROM job_execution WHERE jobinstanceid = ANY (?)", ids);
                Jdbc.execute(
                        connection,
                        "DELETE FROM job_instance i WHERE i.jobinstanceid = ANY (?) AND NOT EXISTS"
                                + " (SELECT 1 FROM bdi_job_data_set d WHERE d.job_instance_id = i.jobinstanceid)",
                        ids);
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("Purging job history failed", e);
        }
    }
}
