package org.bdisuite.batchadmin.persistence;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * batch_exit_message: why a job execution or step ended as it did, in words (a failure's message, or why a pipeline
 * run did nothing). One message per execution and step; the first one recorded stays.
 */
@ApplicationScoped
public class ExitMessageStore {

    private final AgroalDataSource dataSource;

    public ExitMessageStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Records the message of a step (or of the whole execution when {@code stepExecutionId} is null). */
    public void record(long jobExecutionId, Long stepExecutionId, String message) {
        try (Connection connection = dataSource.getConnection()) {
            record(connection, jobExecutionId, stepExecutionId, message);
        } catch (SQLException e) {
            throw new IllegalStateException("Recording the exit message of execution " + jobExecutionId + " failed", e);
        }
    }

    static void record(Connection connection, long jobExecutionId, Long stepExecutionId, String message)
            throws SQLException {
        Jdbc.execute(
                connection,
                "INSERT INTO batch_exit_message (job_execution_id, step_execution_id, message) VALUES (?, ?, ?)"
                        + " ON CONFLICT (job_execution_id, coalesce(step_execution_id, 0)) DO NOTHING",
                jobExecutionId,
                stepExecutionId,
                message);
    }

    /**
     * The message of each of these executions: the one about the whole execution, else that of its last step with
     * one.
     */
    public Map<Long, String> ofExecutions(Collection<Long> jobExecutionIds) {
        if (jobExecutionIds.isEmpty()) {
            return Map.of();
        }
        return byId(
                "SELECT DISTINCT ON (job_execution_id) job_execution_id, message FROM batch_exit_message"
                        + " WHERE job_execution_id = ANY (?)"
                        + " ORDER BY job_execution_id, step_execution_id DESC NULLS FIRST",
                jobExecutionIds);
    }

    /** The messages of the steps of one execution, by step execution id. */
    public Map<Long, String> ofSteps(long jobExecutionId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT step_execution_id, message FROM batch_exit_message WHERE job_execution_id = ?"
                                + " AND step_execution_id IS NOT NULL")) {
            select.setLong(1, jobExecutionId);
            return collect(select);
        } catch (SQLException e) {
            throw new IllegalStateException("Reading exit messages failed", e);
        }
    }

    private Map<Long, String> byId(String sql, Collection<Long> ids) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setArray(1, connection.createArrayOf("bigint", ids.toArray(Long[]::new)));
            return collect(select);
        } catch (SQLException e) {
            throw new IllegalStateException("Reading exit messages failed", e);
        }
    }

    private static Map<Long, String> collect(PreparedStatement select) throws SQLException {
        Map<Long, String> messages = new HashMap<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                messages.put(rows.getLong(1), rows.getString(2));
            }
        }
        return messages;
    }
}
