package org.bdisuite.batchadmin.persistence;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Owner of bdi_job_execution_trace (V35): the trace id of each job execution, written when the execution's span
 * starts and read with the execution views ({@link JobRepositoryQueries}). A row goes with its execution (ON DELETE
 * CASCADE).
 */
@ApplicationScoped
public class ExecutionTraceRepository {

    private final AgroalDataSource dataSource;

    public ExecutionTraceRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Records (or replaces) the execution's trace id. */
    public void record(long executionId, String traceId) {
        try (Connection connection = dataSource.getConnection()) {
            Jdbc.execute(
                    connection,
                    "INSERT INTO bdi_job_execution_trace (job_execution_id, trace_id) VALUES (?, ?)"
                            + " ON CONFLICT (job_execution_id) DO UPDATE SET trace_id = EXCLUDED.trace_id",
                    executionId,
                    traceId);
        } catch (SQLException e) {
            throw new IllegalStateException("Recording the trace of job execution " + executionId + " failed", e);
        }
    }
}
