package org.bdisuite.batchadmin.persistence;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.bdisuite.runtime.csv.CopyCsvWriter;

/**
 * The rows of an interface's source query (bdi_interface_pipeline.source_query) as CSV lines, through a server-side
 * cursor (fetchSize rows at a time, never the whole result). The cursor lives across the extractor's chunk
 * transactions, so its connection comes from the pool without JTA and is read-only.
 */
@ApplicationScoped
public class SourceRows {

    private final AgroalDataSource dataSource;

    public SourceRows(@DataSource("unmanaged") AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A read-only connection for cursors; close it when done. */
    public Session open() throws SQLException {
        Connection connection = dataSource.getConnection();
        connection.setAutoCommit(false);
        connection.setReadOnly(true);
        return new Session(connection);
    }

    /** A connection on which one cursor after another is opened. */
    public static final class Session implements AutoCloseable {

        private final Connection connection;
        private PreparedStatement statement;
        private ResultSet rows;
        private int columns;

        private Session(Connection connection) {
            this.connection = connection;
        }

        /** Runs the query and skips its first {@code skip} rows (staged by an earlier execution). */
        public void openCursor(String sourceQuery, int fetchSize, long skip) throws SQLException {
            closeCursor();
            statement =
                    connection.prepareStatement(sourceQuery, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            statement.setFetchSize(fetchSize);
            rows = statement.executeQuery();
            columns = rows.getMetaData().getColumnCount();
            for (long i = 0; i < skip && rows.next(); i++) {
                // already staged by an earlier execution
            }
        }

        public boolean hasCursor() {
            return rows != null;
        }

        /** The cursor's next row as a CSV line; empty at its end. */
        public Optional<String> nextLine() throws SQLException {
            return rows.next() ? Optional.of(csvLine()) : Optional.empty();
        }

        /**
         * The current row as PostgreSQL's CSV (what the importer's COPY reads back): the driver's text of each value
         * (PostgreSQL's own output format), NULL an empty field, an empty string {@code ""}.
         */
        private String csvLine() throws SQLException {
            String[] values = new String[columns];
            for (int i = 0; i < columns; i++) {
                values[i] = rows.getString(i + 1);
            }
            return CopyCsvWriter.line(values);
        }

        public void closeCursor() throws SQLException {
            if (rows != null) {
                rows.close();
                rows = null;
            }
            if (statement != null) {
                statement.close();
                statement = null;
            }
        }

        @Override
        public void close() throws SQLException {
            try {
                closeCursor();
                connection.rollback();
            } finally {
                connection.close();
            }
        }
    }
}
