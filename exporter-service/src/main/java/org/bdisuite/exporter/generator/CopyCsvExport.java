package org.bdisuite.exporter.generator;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
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
import java.util.Map;
import javax.sql.DataSource;
import org.bdisuite.exporter.api.ScheduleConfiguration;
import org.bdisuite.exporter.config.ExporterConfig;
import org.bdisuite.exporter.datasource.DataSourceException;
import org.bdisuite.exporter.datasource.SqlDataSource;
import org.bdisuite.exporter.datasource.SqlTimes;
import org.bdisuite.exporter.service.ExporterConstants;
import org.postgresql.PGConnection;

/**
 * The CSV generator of SQL data sources: PostgreSQL's own {@code COPY (...) TO STDOUT (FORMAT csv, HEADER)} through
 * pgjdbc's CopyManager, the fastest CSV writer there is, streamed through a byte filter that keeps the exporter's
 * rules: CRLF record ends (RFC 4180), formula neutralising of text columns, the row limit and the split into parts
 * with their header row. Values are formatted in SQL as the JDBC path prints them: times as ISO-8601 UTC instants,
 * dates in the schedule's date format, booleans as true / false. Read-only transaction with the statement timeout.
 */
@ApplicationScoped
public class CopyCsvExport {

    /** PostgreSQL to_char patterns of the constants' date formats. */
    private static final Map<String, String> PG_DATE_PATTERNS = Map.of("yyyy-MM-dd", "YYYY-MM-DD",
            "dd/MM/yyyy", "DD/MM/YYYY", "MM/dd/yyyy", "MM/DD/YYYY", "yyyyMMdd", "YYYYMMDD");

    private final DataSource dataSource;
    private final ExporterConfig config;

    public CopyCsvExport(DataSource dataSource, ExporterConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    /** Writes the export; {@code progress} is told the data rows written so far after each row. */
    public ExportFiles.Generated generate(SqlDataSource source, ScheduleConfiguration schedule,
                                          java.nio.file.Path directory, String baseName,
                                          java.util.function.LongConsumer progress) {
        Filter filter = null;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            try {
                try (Statement settings = connection.createStatement()) {
                    settings.execute("SET LOCAL statement_timeout = " + config.statementTimeout().toMillis());
                    // to_char of times prints in the session's zone: make that UTC, as the ISO instants are.
                    settings.execute("SET LOCAL TimeZone = 'UTC'");
                }
                String wrapped = SqlDataSource.wrapped(source.select());
                List<Column> columns = columns(connection, wrapped);
                String query = formatted(wrapped, columns,
                        PG_DATE_PATTERNS.get(ExporterConstants.DATE_FORMATS.get(schedule.dateFormat())));
                filter = new Filter(source.name(), schedule.split(), directory, baseName, columns, progress);
                try {
                    connection.unwrap(PGConnection.class).getCopyAPI()
                            .copyOut("COPY (" + query + ") TO STDOUT (FORMAT csv, HEADER)", filter);
                } catch (IOException e) {
                    if (e.getCause() instanceof RowLimitExceededException limit) {
                        // The COPY was cancelled mid-stream; the connection is not reused after that.
                        connection.abort(Runnable::run);
                        throw limit;
                    }
                    throw e;
                }
                ExportFiles.Generated generated = filter.finish();
                connection.commit();
                return generated;
            } catch (RowLimitExceededException e) {
                throw e;
            } catch (SQLException | IOException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (RowLimitExceededException e) {
            filter.abandon();
            throw e;
        } catch (SQLException e) {
            if (filter != null) {
                filter.abandon();
            }
            throw new DataSourceException("The data source query failed: " + e.getMessage(), e);
        } catch (IOException e) {
            if (filter != null) {
                filter.abandon();
            }
            throw new java.io.UncheckedIOException(e);
        }
    }

    private record Column(String label, int type) {

        boolean isText() {
            return switch (type) {
                case Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.TINYINT, Types.NUMERIC, Types.DECIMAL,
                     Types.REAL, Types.FLOAT, Types.DOUBLE, Types.BOOLEAN, Types.BIT, Types.DATE, Types.TIMESTAMP,
                     Types.TIMESTAMP_WITH_TIMEZONE -> false;
                default -> true;
            };
        }
    }

    private static List<Column> columns(Connection connection, String wrapped) throws SQLException {
        try (PreparedStatement probe = connection.prepareStatement(wrapped + " LIMIT 0")) {
            ResultSetMetaData meta = probe.executeQuery().getMetaData();
            List<Column> columns = new ArrayList<>();
            for (int c = 1; c <= meta.getColumnCount(); c++) {
                columns.add(new Column(meta.getColumnLabel(c), meta.getColumnType(c)));
            }
            return columns;
        }
    }

    /** The select list that prints each value as the JDBC path does. */
    private static String formatted(String wrapped, List<Column> columns, String datePattern) {
        StringBuilder select = new StringBuilder("SELECT ");
        for (int i = 0; i < columns.size(); i++) {
            String name = "q.\"" + columns.get(i).label().replace("\"", "\"\"") + "\"";
            String alias = " AS \"" + columns.get(i).label().replace("\"", "\"\"") + "\"";
            select.append(i > 0 ? ", " : "").append(switch (columns.get(i).type()) {
                case Types.TIMESTAMP_WITH_TIMEZONE, Types.TIMESTAMP -> SqlTimes.isoUtc(name);
                case Types.DATE -> "to_char(" + name + ", '" + datePattern + "')";
                case Types.BOOLEAN, Types.BIT -> "CASE WHEN " + name + " THEN 'true' WHEN NOT " + name
                        + " THEN 'false' END";
                default -> name;
            }).append(alias);
        }
        return select.append(" FROM (").append(wrapped).append(") AS q").toString();
    }

    /** The byte filter between COPY's output and the part files. */
    private final class Filter extends ByteFilter {

        private static final int FIELD_START = 0;
        private static final int UNQUOTED = 1;
        private static final int QUOTED = 2;
        private static final int QUOTE_IN_QUOTED = 3;

        private final String sourceName;
        private final boolean split;
        private final java.nio.file.Path directory;
        private final String baseName;
        private final boolean[] text;
        private final boolean neutralise = config.csvNeutraliseFormulas();
        private final int limit = config.maxRows();
        private final ByteArrayOutputStream header = new ByteArrayOutputStream();
        private final List<GeneratedFile> completed = new ArrayList<>();
        private PartFile file;
        private OutputStream out;
        private boolean inHeader = true;
        private boolean recordStarted;
        private boolean quotedFieldStart;
        private int state = FIELD_START;
        private int field;
        private long rowsInPart;

        private final java.util.function.LongConsumer progress;
        private long written;

        Filter(String sourceName, boolean split, java.nio.file.Path directory, String baseName, List<Column> columns,
               java.util.function.LongConsumer progress) throws IOException {
            this.progress = progress;
            this.sourceName = sourceName;
            this.split = split;
            this.directory = directory;
            this.baseName = baseName;
            this.text = new boolean[columns.size()];
            for (int i = 0; i < text.length; i++) {
                text[i] = columns.get(i).isText();
            }
            open();
        }

        @Override
        protected OutputStream target() {
            return out;
        }

        @Override
        protected void accept(byte b) throws IOException {
            if (!recordStarted) {
                beginRecord();
            }
            switch (state) {
                case FIELD_START -> {
                    if (b == '"') {
                        emit(b);
                        state = QUOTED;
                        quotedFieldStart = true;
                    } else {
                        neutraliseIfFormula(b);
                        unquoted(b);
                    }
                }
                case UNQUOTED -> unquoted(b);
                case QUOTED -> {
                    if (quotedFieldStart) {
                        quotedFieldStart = false;
                        if (b != '"') {
                            neutraliseIfFormula(b);
                        }
                    }
                    emit(b);
                    if (b == '"') {
                        state = QUOTE_IN_QUOTED;
                    }
                }
                default -> { // QUOTE_IN_QUOTED: an escaped quote, or the end of the quoted field
                    if (b == '"') {
                        emit(b);
                        state = QUOTED;
                    } else {
                        unquoted(b);
                    }
                }
            }
        }

        private void unquoted(byte b) throws IOException {
            if (b == ',') {
                emit(b);
                field++;
                state = FIELD_START;
            } else if (b == '\n') {
                emit((byte) '\r');
                emit(b);
                endRecord();
            } else {
                emit(b);
                state = UNQUOTED;
            }
        }

        private void neutraliseIfFormula(byte b) throws IOException {
            if (neutralise && !inHeader && field < text.length && text[field]
                    && (b == '=' || b == '+' || b == '-' || b == '@' || b == '\t' || b == '\r')) {
                emit((byte) '\'');
            }
        }

        private void beginRecord() throws IOException {
            recordStarted = true;
            if (inHeader) {
                return;
            }
            if (rowsInPart == limit) {
                if (!split) {
                    throw new IOException(new RowLimitExceededException(sourceName, limit));
                }
                closePart();
                open();
                out.write(header.toByteArray());
            }
        }

        private void endRecord() {
            recordStarted = false;
            state = FIELD_START;
            field = 0;
            if (inHeader) {
                inHeader = false;
            } else {
                rowsInPart++;
                progress.accept(++written);
            }
        }

        @Override
        protected void emit(byte b) throws IOException {
            super.emit(b);
            if (inHeader) {
                header.write(b);
            }
        }

        private void open() throws IOException {
            String name = split ? String.format("%s_part%04d.csv", baseName, completed.size() + 1) : baseName + ".csv";
            file = new PartFile(directory.resolve(name));
            out = file.stream();
            rowsInPart = 0;
        }

        private void closePart() throws IOException {
            drain();
            completed.add(file.complete(rowsInPart));
            file = null;
        }

        ExportFiles.Generated finish() throws IOException {
            closePart();
            if (split) {
                completed.add(ExportFiles.manifest(directory, baseName, completed));
            }
            long rows = completed.stream().filter(f -> f.rows() != null).mapToLong(GeneratedFile::rows).sum();
            return new ExportFiles.Generated(rows, List.copyOf(completed));
        }

        void abandon() {
            if (file != null) {
                file.abandon();
            }
            for (GeneratedFile part : completed) {
                try {
                    java.nio.file.Files.deleteIfExists(part.path());
                } catch (IOException ignored) {
                    // a retried run rewrites the same names
                }
            }
        }
    }
}
