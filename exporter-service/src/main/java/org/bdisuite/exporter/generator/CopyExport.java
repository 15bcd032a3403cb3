package org.bdisuite.exporter.generator;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import org.bdisuite.exporter.api.FileType;
import org.bdisuite.exporter.api.ScheduleConfiguration;
import org.bdisuite.exporter.common.ExporterConstants;
import org.bdisuite.exporter.config.ExporterConfig;
import org.bdisuite.exporter.datasource.DataSourceException;
import org.bdisuite.exporter.datasource.QueryRole;
import org.bdisuite.exporter.datasource.SqlDataSource;
import org.bdisuite.exporter.datasource.persistence.ReadOnlyConnections;
import org.bdisuite.exporter.datasource.persistence.RowStreamer;
import org.bdisuite.exporter.generator.CopyColumn.Kind;
import org.postgresql.PGConnection;

/**
 * The CSV and JSON generator of SQL data sources: PostgreSQL's own {@code COPY (<the query>) TO STDOUT (FORMAT csv)}
 * through pgjdbc's CopyManager, the fastest way out of PostgreSQL there is, streamed through {@link CopyFilter},
 * which writes the exporter's CSV or JSON from COPY's bytes. The COPY runs the data source's query as it is: the
 * server does exactly the work of a plain COPY, and the few values whose text differs from PostgreSQL's (times,
 * dates, booleans; numbers in JSON) are rewritten in the filter, on the exporter's core, while the server produces
 * the next rows. Read-only transaction with the statement timeout; TimeZone UTC so that times print in UTC. A
 * registered data source's COPY runs as suite_export_reader, and only after its SELECT was prepared alone in the
 * same transaction: pgjdbc sends a COPY as a simple query, in which PostgreSQL would run every statement of the text.
 *
 * <p>Streams to HTTP clients ({@link #streamJson}, {@link #copyOut}) take their connection from the streams' own pool
 * (quarkus.datasource.streams): a client decides how long such a connection is held, and the default pool is what
 * authentication needs.
 */
@ApplicationScoped
public class CopyExport {

    private final ReadOnlyConnections connections;
    private final ExporterConfig config;

    public CopyExport(ReadOnlyConnections connections, ExporterConfig config) {
        this.connections = connections;
        this.config = config;
    }

    /**
     * Writes the export; {@code progress} is told the data rows written so far after each row. The columns' kinds
     * are the source's declared ones, or else read from the query's JDBC metadata.
     */
    public ExportFiles.Generated generate(
            SqlDataSource source,
            ScheduleConfiguration schedule,
            Path directory,
            String baseName,
            LongConsumer progress) {
        String wrapped = SqlDataSource.wrapped(source.select());
        CopyFilter[] filter = new CopyFilter[1];
        try {
            return inReadOnlyTransaction(source.role(), connection -> {
                // An administrator's SELECT is always prepared first (alone, in this transaction), even with
                // declared columns: the COPY below is sent only once PostgreSQL parsed it as one statement.
                List<CopyColumn> probed = source.role() == QueryRole.EXPORT_READER || source.columns() == null
                        ? columns(connection, wrapped)
                        : null;
                List<CopyColumn> columns = source.columns() != null ? source.columns() : probed;
                String datePattern = ExporterConstants.DATE_FORMATS.get(schedule.dateFormat());
                String copy;
                if (schedule.fileType() == FileType.JSON) {
                    // The JSON keys are the stored header row, as on the JDBC path (unless the query's columns
                    // changed since it was registered; then its current labels, as the CSV header has them).
                    List<String> keys = source.headerRow().size() == columns.size()
                            ? source.headerRow()
                            : columns.stream().map(CopyColumn::label).toList();
                    filter[0] = new CopyFilter.Json(
                            source.name(),
                            schedule.split(),
                            directory,
                            baseName,
                            config.maxRows(),
                            columns,
                            keys,
                            DateTimeFormatter.ofPattern(datePattern),
                            datePattern);
                    copy = "COPY (" + wrapped + ") TO STDOUT (FORMAT csv)";
                } else {
                    filter[0] = new CopyFilter.Csv(
                            source.name(),
                            schedule.split(),
                            directory,
                            baseName,
                            config.maxRows(),
                            columns,
                            config.csvNeutraliseFormulas(),
                            datePattern);
                    copy = "COPY (" + wrapped + ") TO STDOUT (FORMAT csv, HEADER)";
                }
                filter[0].onProgress(progress);
                return copy(connection, copy, filter[0]);
            });
        } catch (IOException e) {
            abandon(filter[0]);
            throw new java.io.UncheckedIOException(e);
        } catch (RuntimeException e) {
            abandon(filter[0]);
            throw e;
        }
    }

    /**
     * Streams the rows of {@code select} into {@code out} as JSON objects, keyed by the columns' labels: a JSON
     * array, or with {@code lines} NDJSON (one object per line). The array's closing bracket is written only after
     * the last row, so a stream cut off by a failure is never a valid but short document. Returns the rows written.
     */
    public long streamJson(String select, List<CopyColumn> columns, boolean lines, OutputStream out)
            throws IOException {
        String datePattern = ExporterConstants.DATE_FORMATS.get(ExporterConstants.DEFAULT_DATE_FORMAT);
        CopyFilter.Json filter = new CopyFilter.Json(
                out,
                lines,
                columns,
                columns.stream().map(CopyColumn::label).toList(),
                DateTimeFormatter.ofPattern(datePattern),
                datePattern);
        return inReadOnlyTransaction(
                        QueryRole.SUITE_STREAM,
                        connection -> copy(connection, "COPY (" + select + ") TO STDOUT (FORMAT csv)", filter))
                .rows();
    }

    /**
     * Runs {@code COPY ... TO STDOUT} of one statement into {@code out} (any byte filter) in a read-only
     * transaction with the statement timeout, which bounds the whole COPY. Returns the rows COPY sent.
     */
    public long copyOut(String copy, OutputStream out) throws IOException {
        return inReadOnlyTransaction(QueryRole.SUITE_STREAM, connection -> {
            ReadOnlyConnections.requireOneStatement(connection, copy);
            return connection.unwrap(PGConnection.class).getCopyAPI().copyOut(copy, out);
        });
    }

    private ExportFiles.Generated copy(Connection connection, String copy, CopyFilter filter)
            throws SQLException, IOException {
        ReadOnlyConnections.requireOneStatement(connection, copy);
        try {
            connection.unwrap(PGConnection.class).getCopyAPI().copyOut(copy, filter);
        } catch (CopyFilter.Stop e) {
            // The COPY was cancelled mid-stream; the connection is not reused after that.
            closeAtOnce(connection);
            throw e.failure();
        }
        return filter.finish();
    }

    private interface CopyWork<T> {
        T run(Connection connection) throws SQLException, IOException;
    }

    /**
     * Runs {@code work} in a read-only transaction of {@code role} with the statement timeout and TimeZone UTC
     * (times print in UTC, as the ISO instants are; DateStyle is ISO: pgjdbc). A failed query is a
     * DataSourceException in the user's terms.
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
            } catch (RowLimitExceededException | DataSourceException e) {
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

    private static void abandon(CopyFilter filter) {
        if (filter != null) {
            filter.abandon();
        }
    }

    /** The query's columns and what their values need, from running it with LIMIT 0. */
    private static List<CopyColumn> columns(Connection connection, String wrapped) throws SQLException {
        ReadOnlyConnections.requireOneStatement(connection, wrapped + " LIMIT 0");
        try (PreparedStatement probe = connection.prepareStatement(wrapped + " LIMIT 0")) {
            ResultSetMetaData meta = probe.executeQuery().getMetaData();
            List<CopyColumn> columns = new ArrayList<>();
            for (int c = 1; c <= meta.getColumnCount(); c++) {
                columns.add(new CopyColumn(
                        meta.getColumnLabel(c),
                        RowStreamer.isJson(meta.getColumnTypeName(c)) ? Kind.JSON : kind(meta.getColumnType(c))));
            }
            return columns;
        }
    }

    /** The JDBC types RowStreamer converts (everything else is text there, and here). */
    static Kind kind(int type) {
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
