package org.bdisuite.exporter.generator;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
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
import javax.sql.DataSource;
import org.bdisuite.exporter.api.FileType;
import org.bdisuite.exporter.api.ScheduleConfiguration;
import org.bdisuite.exporter.config.ExporterConfig;
import org.bdisuite.exporter.datasource.DataSourceException;
import org.bdisuite.exporter.datasource.RowStreamer;
import org.bdisuite.exporter.datasource.SqlDataSource;
import org.bdisuite.exporter.generator.CopyFilter.Column;
import org.bdisuite.exporter.generator.CopyFilter.Kind;
import org.bdisuite.exporter.service.ExporterConstants;
import org.postgresql.PGConnection;

/**
 * The CSV and JSON generator of SQL data sources: PostgreSQL's own {@code COPY (<the query>) TO STDOUT (FORMAT csv)}
 * through pgjdbc's CopyManager, the fastest way out of PostgreSQL there is, streamed through {@link CopyFilter},
 * which writes the exporter's CSV or JSON from COPY's bytes. The COPY runs the data source's query as it is: the
 * server does exactly the work of a plain COPY, and the few values whose text differs from PostgreSQL's (times,
 * dates, booleans; numbers in JSON) are rewritten in the filter, on the exporter's core, while the server produces
 * the next rows. Read-only transaction with the statement timeout; TimeZone UTC so that times print in UTC.
 */
@ApplicationScoped
public class CopyExport {

    private final DataSource dataSource;
    private final ExporterConfig config;

    public CopyExport(DataSource dataSource, ExporterConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    /** Writes the export; {@code progress} is told the data rows written so far after each row. */
    public ExportFiles.Generated generate(SqlDataSource source, ScheduleConfiguration schedule, Path directory,
                                          String baseName, LongConsumer progress) {
        CopyFilter filter = null;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            try {
                try (Statement settings = connection.createStatement()) {
                    settings.execute("SET LOCAL statement_timeout = " + config.statementTimeout().toMillis());
                    // Times print in the session's zone: UTC, as the ISO instants are (DateStyle is ISO: pgjdbc).
                    settings.execute("SET LOCAL TimeZone = 'UTC'");
                }
                String wrapped = SqlDataSource.wrapped(source.select());
                List<Column> columns = columns(connection, wrapped);
                String datePattern = ExporterConstants.DATE_FORMATS.get(schedule.dateFormat());
                String copy;
                if (schedule.fileType() == FileType.JSON) {
                    // The JSON keys are the stored header row, as on the JDBC path (unless the query's columns
                    // changed since it was registered; then its current labels, as the CSV header has them).
                    List<String> keys = source.headerRow().size() == columns.size() ? source.headerRow()
                            : columns.stream().map(Column::label).toList();
                    filter = new CopyFilter.Json(source.name(), schedule.split(), directory, baseName,
                            config.maxRows(), columns, keys, DateTimeFormatter.ofPattern(datePattern), datePattern);
                    copy = "COPY (" + wrapped + ") TO STDOUT (FORMAT csv)";
                } else {
                    filter = new CopyFilter.Csv(source.name(), schedule.split(), directory, baseName,
                            config.maxRows(), columns, config.csvNeutraliseFormulas(), datePattern);
                    copy = "COPY (" + wrapped + ") TO STDOUT (FORMAT csv, HEADER)";
                }
                filter.onProgress(progress);
                try {
                    connection.unwrap(PGConnection.class).getCopyAPI().copyOut(copy, filter);
                } catch (CopyFilter.Stop e) {
                    // The COPY was cancelled mid-stream; the connection is not reused after that.
                    connection.abort(Runnable::run);
                    throw e.failure();
                }
                ExportFiles.Generated generated = filter.finish();
                connection.commit();
                return generated;
            } catch (RowLimitExceededException | DataSourceException e) {
                throw e;
            } catch (SQLException | IOException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (RowLimitExceededException | DataSourceException e) {
            abandon(filter);
            throw e;
        } catch (SQLException e) {
            abandon(filter);
            throw new DataSourceException("The data source query failed: " + e.getMessage(), e);
        } catch (IOException e) {
            abandon(filter);
            throw new java.io.UncheckedIOException(e);
        } catch (RuntimeException e) {
            abandon(filter);
            throw e;
        }
    }

    private static void abandon(CopyFilter filter) {
        if (filter != null) {
            filter.abandon();
        }
    }

    /** The query's columns and what their values need, from running it with LIMIT 0. */
    private static List<Column> columns(Connection connection, String wrapped) throws SQLException {
        try (PreparedStatement probe = connection.prepareStatement(wrapped + " LIMIT 0")) {
            ResultSetMetaData meta = probe.executeQuery().getMetaData();
            List<Column> columns = new ArrayList<>();
            for (int c = 1; c <= meta.getColumnCount(); c++) {
                columns.add(new Column(meta.getColumnLabel(c), RowStreamer.isJson(meta.getColumnTypeName(c)) ? Kind.JSON
                        : kind(meta.getColumnType(c))));
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
