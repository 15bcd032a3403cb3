package org.bdisuite.exporter.datasource.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.bdisuite.exporter.datasource.CopyColumn;
import org.bdisuite.exporter.datasource.CopyColumn.Kind;
import org.bdisuite.exporter.datasource.DataSourceException;
import org.bdisuite.exporter.datasource.QueryRole;
import org.postgresql.PGConnection;

/**
 * PostgreSQL's own {@code COPY (<a query>) TO STDOUT} through pgjdbc's CopyManager, the fastest way out of
 * PostgreSQL there is: the server does exactly the work of a plain COPY and the bytes go to a target (the
 * generators' byte filter, an HTTP response). Read-only transaction with the statement timeout, which bounds the
 * whole COPY; TimeZone UTC so that times print in UTC (DateStyle is ISO: pgjdbc). A registered data source's COPY
 * runs as suite_export_reader, and only after its SELECT was prepared alone in the same transaction: pgjdbc sends a
 * COPY as a simple query, in which PostgreSQL would run every statement of the text.
 *
 * <p>Streams to HTTP clients take their connection from the streams' own pool ({@link QueryRole#SUITE_STREAM}): a
 * client decides how long such a connection is held, and the default pool is what authentication needs.
 */
@ApplicationScoped
public class CopyReader {

    /** Where COPY's bytes go, made once the query's columns are known. */
    @FunctionalInterface
    public interface Target {
        OutputStream open(List<CopyColumn> columns) throws IOException;
    }

    /**
     * What a target throws to stop the COPY with a failure of its own (a row limit, a value it refuses): pgjdbc's
     * copyOut cancels the COPY on an IOException only; the failure is re-thrown as it is.
     */
    public static final class Stop extends IOException {
        public Stop(RuntimeException cause) {
            super(cause.getMessage(), cause);
        }

        public RuntimeException failure() {
            return (RuntimeException) getCause();
        }
    }

    private final ReadOnlyConnections connections;

    public CopyReader(ReadOnlyConnections connections) {
        this.connections = connections;
    }

    /**
     * COPYs the rows of {@code wrapped} (a data source's SELECT as a subquery) in CSV, with a header row when asked,
     * into the target made for its columns: {@code declared}, or else read from the query's JDBC metadata. An
     * administrator's SELECT ({@link QueryRole#EXPORT_READER}) is always prepared first, alone in this transaction,
     * even with declared columns. Returns the rows COPY sent.
     */
    public long copyCsv(QueryRole role, String wrapped, List<CopyColumn> declared, boolean header, Target target)
            throws IOException {
        return inReadOnlyTransaction(role, connection -> {
            List<CopyColumn> probed =
                    role == QueryRole.EXPORT_READER || declared == null ? columns(connection, wrapped) : null;
            OutputStream out = target.open(declared != null ? declared : probed);
            String copy = "COPY (" + wrapped + ") TO STDOUT (FORMAT csv" + (header ? ", HEADER)" : ")");
            return copy(connection, copy, out);
        });
    }

    /**
     * Runs {@code COPY ... TO STDOUT} of one statement of this code base into {@code out} (any byte filter) on the
     * streams' pool. Returns the rows COPY sent.
     */
    public long copyOut(String copy, OutputStream out) throws IOException {
        return inReadOnlyTransaction(QueryRole.SUITE_STREAM, connection -> copy(connection, copy, out));
    }

    private static long copy(Connection connection, String copy, OutputStream out) throws SQLException, IOException {
        ReadOnlyConnections.requireOneStatement(connection, copy);
        try {
            return connection.unwrap(PGConnection.class).getCopyAPI().copyOut(copy, out);
        } catch (Stop e) {
            // The COPY was cancelled mid-stream; the connection is not reused after that.
            closeAtOnce(connection);
            throw new Stopped(e.failure());
        }
    }

    /** A target's failure after its COPY was cancelled and its connection ended: nothing is to be rolled back. */
    private static final class Stopped extends RuntimeException {
        private final RuntimeException failure;

        Stopped(RuntimeException failure) {
            super(failure.getMessage(), failure, false, false);
            this.failure = failure;
        }
    }

    private interface CopyWork<T> {
        T run(Connection connection) throws SQLException, IOException;
    }

    /**
     * Runs {@code work} in a read-only transaction of {@code role} with the statement timeout and TimeZone UTC. A
     * failed query is a DataSourceException in the user's terms.
     */
    private <T> T inReadOnlyTransaction(QueryRole role, CopyWork<T> work) throws IOException {
        try (Connection connection = connections.open(role)) {
            try {
                try (Statement settings = connection.createStatement()) {
                    settings.execute("SET LOCAL TimeZone = 'UTC'");
                }
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (Stopped e) {
                throw e.failure;
            } catch (DataSourceException e) {
                throw e; // the connection may be aborted; closing it rolls back
            } catch (IOException e) {
                // Where the COPY's rows went failed midway (a client gone or cut off, a file not written). The
                // backend may still be blocked sending rows, which only the end of its connection stops.
                closeAtOnce(connection);
                throw e;
            } catch (SQLException | RuntimeException e) {
                if (!connection.isClosed()) {
                    connection.rollback();
                }
                throw e;
            }
        } catch (SQLException e) {
            throw connections.failure(e);
        }
    }

    /**
     * Ends the physical connection now (the pool drops it when it comes back: resetting it fails). A backend
     * blocked writing a COPY's rows to us ignores a query cancel (it cannot send the error while its client does not
     * read) and only ends with its connection. The pool's own abort would only detach its wrapper.
     */
    private static void closeAtOnce(Connection connection) throws SQLException {
        connection.unwrap(org.postgresql.jdbc.PgConnection.class).abort(Runnable::run);
    }

    /** The query's columns and what their values need, from running it with LIMIT 0. */
    private static List<CopyColumn> columns(Connection connection, String wrapped) throws SQLException {
        ReadOnlyConnections.requireOneStatement(connection, wrapped + " LIMIT 0");
        try (PreparedStatement probe = connection.prepareStatement(wrapped + " LIMIT 0")) {
            return columns(probe.executeQuery().getMetaData());
        }
    }

    /** The columns of a result: their labels and kinds. */
    static List<CopyColumn> columns(ResultSetMetaData meta) throws SQLException {
        List<CopyColumn> columns = new ArrayList<>();
        for (int c = 1; c <= meta.getColumnCount(); c++) {
            columns.add(new CopyColumn(meta.getColumnLabel(c), kind(meta.getColumnTypeName(c), meta.getColumnType(c))));
        }
        return columns;
    }

    /** What a column of this type needs on its way from PostgreSQL's text to CSV or JSON. */
    public static Kind kind(String typeName, int type) {
        if ("jsonb".equals(typeName) || "json".equals(typeName)) {
            return Kind.JSON;
        }
        return switch (type) {
            case Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.TINYINT -> Kind.INTEGER;
            case Types.NUMERIC, Types.DECIMAL -> Kind.NUMERIC;
            case Types.REAL, Types.FLOAT, Types.DOUBLE -> Kind.DOUBLE;
            case Types.BOOLEAN, Types.BIT -> Kind.BOOLEAN;
            case Types.DATE -> Kind.DATE;
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> Kind.TIMESTAMP;
            default -> Kind.TEXT;
        };
    }
}
