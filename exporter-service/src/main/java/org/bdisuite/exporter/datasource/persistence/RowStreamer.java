package org.bdisuite.exporter.datasource.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.bdisuite.exporter.config.ExporterConfig;
import org.bdisuite.exporter.datasource.ExportDataSource.SqlQuery;
import org.bdisuite.exporter.datasource.JsonText;
import org.bdisuite.exporter.datasource.QueryRole;

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

    /** Runs the query and hands every row to the handler; returns how many rows were handed over. */
    public long stream(SqlQuery query, RowHandler handler) {
        return stream(query, handler, meta -> {});
    }

    private long stream(SqlQuery query, RowHandler handler, MetadataHandler metadata) {
        try (Connection connection = connections.open(query.role())) {
            try {
                long rows = streamIn(connection, query, handler, metadata);
                connection.commit();
                return rows;
            } catch (SQLException | IOException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw connections.failure(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        try (PreparedStatement statement =
                connection.prepareStatement(query.sql(), ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            statement.setFetchSize(config.fetchSize());
            for (int i = 0; i < query.arguments().size(); i++) {
                statement.setObject(i + 1, query.arguments().get(i));
            }
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
