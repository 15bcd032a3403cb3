package org.bdisuite.batchadmin.persistence;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * batch_execution_progress: the rows done (and the total, when known) of a pipeline batchlet's execution. Written
 * through the unmanaged data source, so a write commits at once and never joins (or waits for) the job's own
 * transaction.
 */
@ApplicationScoped
public class ExecutionProgressStore {

    /** An execution's progress; {@code total} null when unknown. */
    public record ProgressRow(long done, Long total) {}

    private final AgroalDataSource dataSource;

    public ExecutionProgressStore(@DataSource("unmanaged") AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The execution starts its rows: none done of {@code total} (a second call, e.g. a retried step, resets). */
    public void begin(long executionId, Long total) {
        try (Connection connection = dataSource.getConnection()) {
            Jdbc.execute(
                    connection,
                    "INSERT INTO batch_execution_progress (job_execution_id, rows_total) VALUES (?, ?)"
                            + " ON CONFLICT (job_execution_id) DO UPDATE SET rows_total = excluded.rows_total,"
                            + " rows_done = 0, updated_at = now()",
                    executionId,
                    total);
        } catch (SQLException e) {
            throw new IllegalStateException("Recording the progress of execution " + executionId + " failed", e);
        }
    }

    public void done(long executionId, long rows) {
        try (Connection connection = dataSource.getConnection()) {
            Jdbc.execute(
                    connection,
                    "UPDATE batch_execution_progress SET rows_done = ?, updated_at = now() WHERE job_execution_id = ?",
                    rows,
                    executionId);
        } catch (SQLException e) {
            throw new IllegalStateException("Recording the progress of execution " + executionId + " failed", e);
        }
    }

    /** The progress of those of these executions that report one, by execution id. */
    public Map<Long, ProgressRow> of(Collection<Long> executionIds) {
        if (executionIds.isEmpty()) {
            return Map.of();
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT job_execution_id, rows_done, rows_total FROM batch_execution_progress"
                                + " WHERE job_execution_id = ANY (?)")) {
            select.setArray(1, connection.createArrayOf("bigint", executionIds.toArray(Long[]::new)));
            Map<Long, ProgressRow> progress = new HashMap<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    progress.put(rows.getLong(1), new ProgressRow(rows.getLong(2), rows.getObject(3, Long.class)));
                }
            }
            return progress;
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the progress of executions failed", e);
        }
    }
}
