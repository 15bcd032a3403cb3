package org.bdisuite.exporter.datasource.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.bdisuite.exporter.config.ExporterConfig;
import org.bdisuite.exporter.datasource.CopyColumn;
import org.bdisuite.exporter.datasource.ExportDataSource.SqlQuery;
import org.bdisuite.exporter.datasource.JsonText;
import org.bdisuite.exporter.datasource.QueryRole;
import org.postgresql.PGStatement;

/**
 * Streams a data source's rows from a server-side cursor: autocommit off and a fetch size make pgjdbc fetch in
 * batches instead of loading the result; the transaction is read-only with a statement timeout, so that no data
 * source can change data or run for ever, and a SQL data source's query (written by an administrator) runs as the
 * role suite_export_reader ({@link ReadOnlyConnections}).
 */
@ApplicationScoped
public class RowStreamer {

    /** Receives each row's values, in header-row order; returns false to stop early. */
    @FunctionalInterface
    public interface RowHandler {
        boolean row(Object[] values) throws IOException;
    }

    private final ReadOnlyConnections connections;
    private final ExporterConfig config;

    public RowStreamer(ReadOnlyConnections connections, ExporterConfig config) {
        this.connections = connections;
        this.config = config;
    }

    /** Receives each row as PostgreSQL's text of its values (null for NULL), in column order. */
    @FunctionalInterface
    public interface TextRows {
        void row(String[] values) throws IOException;
    }

    /** Makes the receiver of the rows once the query's columns are known. */
    @FunctionalInterface
    public interface TextTarget {
        TextRows open(List<CopyColumn> columns) throws IOException;
    }

    /**
     * Runs the query and hands every row over as PostgreSQL's own text of its values, exactly what COPY prints for
     * them (text transfer, TimeZone UTC, DateStyle ISO), so that the generators write these rows with the same code
     * as a COPY's. Returns how many rows were handed over.
     */
    public long streamText(SqlQuery query, TextTarget target) {
        return inTransaction(query.role(), connection -> {
            try (Statement settings = connection.createStatement()) {
                settings.execute("SET LOCAL TimeZone = 'UTC'");
            }
            ReadOnlyConnections.requireOneStatement(connection, query.sql());
            try (PreparedStatement statement = prepare(connection, query)) {
                // Never server-prepared: pgjdbc then receives every value as text (a prepared statement may switch
                // to binary transfer, whose getString is Java's rendering of the value, not PostgreSQL's).
                statement.unwrap(PGStatement.class).setPrepareThreshold(0);
                try (ResultSet rows = statement.executeQuery()) {
                    List<CopyColumn> columns = CopyReader.columns(rows.getMetaData());
                    TextRows handler = target.open(columns);
                    String[] values = new String[columns.size()];
                    long count = 0;
                    while (rows.next()) {
                        for (int c = 0; c < values.length; c++) {
                            values[c] = rows.getString(c + 1);
                        }
                        handler.row(values);
                        count++;
                    }
                    return count;
                }
            }
        });
    }

    /**
     * How many rows the query returns: count(*) over it, with its own rights, read-only with the statement timeout
     * (a running export's total, counted only when someone looks at its progress).
     */
    public long count(SqlQuery query) {
        SqlQuery counting = new SqlQuery(
                "SELECT count(*) FROM (" + query.sql() + "\n) AS counted", query.arguments(), query.role());
        long[] count = {0};
        stream(counting, values -> {
            count[0] = ((Number) values[0]).longValue();
            return false;
        });
        return count[0];
    }

    /** Runs the query and hands every row to the handler; returns how many rows were handed over. */
    public long stream(SqlQuery query, RowHandler handler) {
        return stream(query, handler, meta -> {});
    }

    private long stream(SqlQuery query, RowHandler handler, MetadataHandler metadata) {
        return inTransaction(query.role(), connection -> streamIn(connection, query, handler, metadata));
    }

    private interface Work {
        long run(Connection connection) throws SQLException, IOException;
    }

    private long inTransaction(QueryRole role, Work work) {
        try (Connection connection = connections.open(role)) {
            try {
                long rows = work.run(connection);
                connection.commit();
                return rows;
            } catch (SQLException | IOException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw connections.failure(e);
        } catch (CopyReader.Stop e) {
            throw e.failure();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private PreparedStatement prepare(Connection connection, SqlQuery query) throws SQLException {
        PreparedStatement statement =
                connection.prepareStatement(query.sql(), ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        statement.setFetchSize(config.fetchSize());
        for (int i = 0; i < query.arguments().size(); i++) {
            statement.setObject(i + 1, query.arguments().get(i));
        }
        return statement;
    }

    /**
     * The column labels an administrator's SELECT returns, from running it with LIMIT 0 as suite_export_reader
     * (read-only, with the timeout): PostgreSQL checks its rights before it runs, and LIMIT 0 reads no row.
     */
    public java.util.List<String> columns(String select) {
        java.util.List<String> labels = new java.util.ArrayList<>();
        SqlQuery probe = new SqlQuery(select + " LIMIT 0", java.util.List.of(), QueryRole.EXPORT_READER);
        stream(probe, values -> false, meta -> {
            for (int c = 1; c <= meta.getColumnCount(); c++) {
                labels.add(meta.getColumnLabel(c));
            }
        });
        return labels;
    }

    /** Receives the result's metadata before the rows. */
    @FunctionalInterface
    interface MetadataHandler {
        void metadata(ResultSetMetaData meta) throws SQLException;
    }

    private long streamIn(Connection connection, SqlQuery query, RowHandler handler, MetadataHandler metadata)
            throws SQLException, IOException {
        ReadOnlyConnections.requireOneStatement(connection, query.sql());
        try (PreparedStatement statement = prepare(connection, query)) {
            try (ResultSet rows = statement.executeQuery()) {
                ResultSetMetaData meta = rows.getMetaData();
                metadata.metadata(meta);
                int columns = meta.getColumnCount();
                int[] types = new int[columns];
                for (int c = 0; c < columns; c++) {
                    types[c] = isJson(meta.getColumnTypeName(c + 1)) ? JSON : meta.getColumnType(c + 1);
                }
                long count = 0;
                while (rows.next()) {
                    Object[] values = new Object[columns];
                    for (int c = 0; c < columns; c++) {
                        values[c] = value(rows, c + 1, types[c]);
                    }
                    count++;
                    if (!handler.row(values)) {
                        break;
                    }
                }
                return count;
            }
        }
    }

    /** A column type code of our own for json / jsonb (JDBC reports them as OTHER). */
    private static final int JSON = Integer.MIN_VALUE;

    public static boolean isJson(String typeName) {
        return "jsonb".equals(typeName) || "json".equals(typeName);
    }

    /**
     * JSON-friendly values: numbers and booleans as such, times as ISO-8601 instants (UTC), dates as dates, json /
     * jsonb as {@link JsonText} (embedded, not quoted, by the JSON writers).
     */
    private static Object value(ResultSet rows, int column, int type) throws SQLException {
        Object value = switch (type) {
            case JSON -> {
                String text = rows.getString(column);
                yield text == null ? null : new JsonText(text);
            }
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> {
                OffsetDateTime time = rows.getObject(column, OffsetDateTime.class);
                yield time == null
                        ? null
                        : time.withOffsetSameInstant(ZoneOffset.UTC).toInstant();
            }
            case Types.DATE -> rows.getObject(column, LocalDate.class);
            case Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.TINYINT ->
                rows.getObject(column) == null ? null : rows.getLong(column);
            case Types.NUMERIC, Types.DECIMAL -> rows.getBigDecimal(column);
            case Types.REAL, Types.FLOAT, Types.DOUBLE ->
                rows.getObject(column) == null ? null : rows.getDouble(column);
            case Types.BOOLEAN, Types.BIT -> rows.getObject(column) == null ? null : rows.getBoolean(column);
            default -> rows.getString(column);
        };
        return rows.wasNull() ? null : value;
    }
}
