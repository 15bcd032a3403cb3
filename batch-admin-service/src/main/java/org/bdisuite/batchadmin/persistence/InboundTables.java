package org.bdisuite.batchadmin.persistence;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.OptionalLong;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The interfaces' inbound tables (named by bdi_interface_pipeline; the suite writes them, the customer owns them):
 * loaded with PostgreSQL COPY, every file of a data set and the importer instance's completion in ONE database
 * transaction, so a failure anywhere loads nothing and a restart loads every row exactly once.
 */
@ApplicationScoped
public class InboundTables {

    /** One file to load: its table and how to open its bytes (CSV as the extractor staged it). */
    public record Load(String table, Opener opener) {}

    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }

    /** Told of each file after its COPY, before the commit; throwing aborts the whole load. */
    @FunctionalInterface
    public interface Check {
        void loaded(int index, long rows) throws IOException;
    }

    private final AgroalDataSource dataSource;

    public InboundTables(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Copies every file and marks the instance's data set done (and the received set LOADED), in one transaction.
     *
     * @return the rows loaded; empty (nothing loaded) when an earlier execution of this instance already committed
     *     the load (its replica died before the job's end was recorded, and this is the restart)
     */
    public OptionalLong loadAll(List<Load> loads, long jobInstanceId, long dataControlId, Check check)
            throws IOException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                if (JobDataSetRepository.lockAndCheckCompleted(connection, jobInstanceId)) {
                    connection.rollback();
                    return OptionalLong.empty();
                }
                CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
                long rows = 0;
                for (int i = 0; i < loads.size(); i++) {
                    Load load = loads.get(i);
                    long copied;
                    try (InputStream in = load.opener().open()) {
                        copied = copy.copyIn("COPY " + load.table() + " FROM STDIN (FORMAT csv)", in, 1 << 16);
                    }
                    check.loaded(i, copied);
                    rows += copied;
                }
                JobDataSetRepository.completed(connection, jobInstanceId);
                HandOverStore.loaded(connection, dataControlId);
                connection.commit();
                return OptionalLong.of(rows);
            } catch (SQLException | IOException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Loading the inbound tables failed: " + e.getMessage(), e);
        }
    }
}
