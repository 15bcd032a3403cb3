package org.bdisuite.batchadmin.persistence;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The statements on the state columns (V31) that the two data-control tables share. Only their owners use it, each
 * with its own table ({@link OutboundDataSetRepository}, {@link HandOverStore}), so every statement still runs
 * through the owner of its table.
 */
final class DataSetStateColumns {

    private final String kind;
    private final String noun;
    private final String table;
    private final String id;
    private final String columns;

    /** {@code noun}: how the failure messages name a set of this table ("received", "outbound"). */
    DataSetStateColumns(String kind, String noun, String table, String idColumn, String transactionColumn) {
        this.kind = kind;
        this.noun = noun;
        this.table = table;
        this.id = idColumn;
        this.columns = "SELECT " + idColumn + ", interface_module, " + transactionColumn + ", data_set_type,"
                + " data_set_state, state_cause, failed_at, failed_job_name, failed_job_execution_id, state_action,"
                + " state_changed_by, state_changed_at, skip_reason FROM " + table;
    }

    Optional<DataSetStateRow> find(Connection connection, long dataSetId, boolean forUpdate) throws SQLException {
        return Jdbc.query(
                        connection,
                        columns + " WHERE " + id + " = ?" + (forUpdate ? " FOR UPDATE" : ""),
                        this::row,
                        dataSetId)
                .stream()
                .findFirst();
    }

    /** The newest {@code limit} sets of the table, newest first (the console's Data sets page). */
    List<DataSetStateRow> newest(Connection connection, int limit) throws SQLException {
        return Jdbc.query(connection, columns + " ORDER BY " + id + " DESC LIMIT ?", this::row, limit);
    }

    /** The module's oldest FAILED set, or the oldest one before {@code beforeId} when that is not null. */
    Optional<DataSetStateRow> earliestFailed(Connection connection, String module, Long beforeId) throws SQLException {
        return Jdbc.query(
                        connection,
                        columns + " WHERE interface_module = ? AND data_set_state = 'FAILED' AND " + id + " < ?"
                                + " ORDER BY " + id + " LIMIT 1",
                        this::row,
                        module,
                        beforeId == null ? Long.MAX_VALUE : beforeId)
                .stream()
                .findFirst();
    }

    /**
     * Marks a PENDING (or earlier FAILED) set FAILED by this execution; false when it already was, or is done or
     * skipped (then nothing changes).
     */
    boolean markFailed(Connection connection, long dataSetId, String cause, String jobName, long executionId)
            throws SQLException {
        return Jdbc.execute(
                        connection,
                        "UPDATE " + table + " SET data_set_state = 'FAILED', state_cause = ?, failed_at = now(),"
                                + " failed_job_name = ?, failed_job_execution_id = ? WHERE " + id + " = ?"
                                + " AND (data_set_state = 'PENDING' OR (data_set_state = 'FAILED'"
                                + " AND failed_job_execution_id IS DISTINCT FROM ?))",
                        cause,
                        jobName,
                        executionId,
                        dataSetId,
                        executionId)
                == 1;
    }

    /** The set's last stage is done with it (a restart that succeeded ends a FAILED state too). */
    void done(Connection connection, long dataSetId, String doneState) throws SQLException {
        Jdbc.execute(
                connection,
                "UPDATE " + table + " SET data_set_state = ? WHERE " + id + " = ? AND data_set_state IN"
                        + " ('PENDING', 'FAILED')",
                doneState,
                dataSetId);
    }

    /** A FAILED set whose failed stage succeeded on a restart is PENDING again (for its next stage). */
    void recovered(Connection connection, long dataSetId) throws SQLException {
        Jdbc.execute(
                connection,
                "UPDATE " + table + " SET data_set_state = 'PENDING' WHERE " + id
                        + " = ? AND data_set_state = 'FAILED'",
                dataSetId);
    }

    /** An operator's action: the new state, who and when (the caller has locked the row and checked the rule). */
    void act(Connection connection, long dataSetId, String state, String action, String user, String skipReason)
            throws SQLException {
        Jdbc.execute(
                connection,
                "UPDATE " + table + " SET data_set_state = ?, state_action = ?, state_changed_by = ?,"
                        + " state_changed_at = now(), skip_reason = coalesce(?, skip_reason) WHERE " + id + " = ?",
                state,
                action,
                user,
                skipReason,
                dataSetId);
    }

    /** The statements above on a connection of their own, for the owners' methods that run outside a chunk. */
    List<DataSetStateRow> newest(DataSource dataSource, int limit) {
        return onConnection(dataSource, "Reading the newest " + noun + " data sets", c -> newest(c, limit));
    }

    Optional<DataSetStateRow> find(DataSource dataSource, long dataSetId, boolean forUpdate) {
        return onConnection(
                dataSource,
                (forUpdate ? "Locking " : "Reading ") + noun + " data set " + dataSetId,
                c -> find(c, dataSetId, forUpdate));
    }

    Optional<DataSetStateRow> earliestFailed(DataSource dataSource, String module, Long beforeId) {
        return onConnection(
                dataSource, "Looking for failed data sets of " + module, c -> earliestFailed(c, module, beforeId));
    }

    boolean markFailed(DataSource dataSource, long dataSetId, String cause, String jobName, long executionId) {
        return onConnection(
                dataSource,
                "Marking " + noun + " data set " + dataSetId + " FAILED",
                c -> markFailed(c, dataSetId, cause, jobName, executionId));
    }

    void act(DataSource dataSource, long dataSetId, String state, String action, String user, String skipReason) {
        onConnection(dataSource, "Changing " + noun + " data set " + dataSetId, c -> {
            act(c, dataSetId, state, action, user, skipReason);
            return null;
        });
    }

    private interface OnConnection<T> {
        T run(Connection connection) throws SQLException;
    }

    private static <T> T onConnection(DataSource dataSource, String what, OnConnection<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new IllegalStateException(what + " failed", e);
        }
    }

    private DataSetStateRow row(ResultSet rows) throws SQLException {
        long failedExecution = rows.getLong(9);
        Long failedExecutionId = rows.wasNull() ? null : failedExecution;
        return new DataSetStateRow(
                kind,
                rows.getLong(1),
                rows.getString(2),
                rows.getString(3),
                rows.getString(4),
                rows.getString(5),
                rows.getString(6),
                rows.getObject(7, OffsetDateTime.class),
                rows.getString(8),
                failedExecutionId,
                rows.getString(10),
                rows.getString(11),
                rows.getObject(12, OffsetDateTime.class),
                rows.getString(13));
    }
}
