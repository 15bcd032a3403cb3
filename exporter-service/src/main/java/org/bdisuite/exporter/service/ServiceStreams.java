package org.bdisuite.exporter.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.bdisuite.exporter.config.ExporterConfig;
import org.bdisuite.exporter.datasource.DataSourceException;
import org.bdisuite.exporter.datasource.ServiceColumns;
import org.bdisuite.exporter.datasource.ServiceSelection;
import org.bdisuite.exporter.generator.ByteFilter;
import org.postgresql.PGConnection;

/**
 * The JSON stream of the services export. PostgreSQL prints every value (an id, or a whole service's JSON object
 * via ServiceColumns) and sends the rows with {@code COPY (...) TO STDOUT} through pgjdbc's CopyManager, which
 * streams them as the query runs; {@link JsonValues} turns COPY's lines into a JSON array (or NDJSON) on their way
 * to the response. Nothing is held: memory is constant, the first bytes leave with COPY's first rows, and a client
 * that stops reading holds the COPY back (the output stream blocks). Measured against a JDBC cursor + Jackson
 * generator, this halves the time of the id stream (docs/BENCHMARKS.md). Read-only transaction with the statement
 * timeout, which bounds the whole stream (a longer one is continued with after=).
 */
@ApplicationScoped
public class ServiceStreams {

    /** What to stream. */
    public record Request(ServiceSelection selection, boolean content, boolean lines, Long after, Long limit) {
    }

    private final DataSource dataSource;
    private final ExporterConfig config;

    public ServiceStreams(DataSource dataSource, ExporterConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    /**
     * Writes the selected services (ids, or whole services with {@code content}) as a JSON array, or with
     * {@code lines} as NDJSON. A failure after the first bytes propagates, so that the response is cut off instead
     * of ending as a well-formed but incomplete document. Returns the rows written.
     */
    public long write(Request request, OutputStream out) throws IOException {
        JsonValues values = new JsonValues(out, request.lines());
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            try {
                try (Statement settings = connection.createStatement()) {
                    settings.execute("SET LOCAL statement_timeout = " + config.statementTimeout().toMillis());
                }
                long rows = connection.unwrap(PGConnection.class).getCopyAPI()
                        .copyOut("COPY (" + select(request) + ") TO STDOUT", values);
                values.finish();
                connection.commit();
                return rows;
            } catch (SQLException | IOException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new DataSourceException("The services stream failed: " + e.getMessage(), e);
        }
    }

    private static String select(Request request) {
        ServiceSelection selection = request.selection();
        return request.content()
                ? ServiceColumns.asJsonObjects(selection.literalSql(ServiceColumns.SELECT_LIST, request.after(),
                request.limit()))
                : selection.literalSql("id", request.after(), request.limit());
    }

    /**
     * COPY's text format of one column (one value per line, backslash escapes) to JSON values: the escapes undone
     * (in JSON text only the backslash itself is escaped by COPY), lines joined by commas inside [ ], or kept as
     * NDJSON lines.
     */
    static final class JsonValues extends ByteFilter {

        private final OutputStream out;
        private final boolean lines;
        private boolean escape;
        private boolean rowStart = true;
        private long rows;

        JsonValues(OutputStream out, boolean lines) throws IOException {
            this.out = out;
            this.lines = lines;
            if (!lines) {
                emit((byte) '[');
            }
        }

        @Override
        protected OutputStream target() {
            return out;
        }

        @Override
        protected void accept(byte b) throws IOException {
            if (rowStart) {
                rowStart = false;
                if (!lines && rows > 0) {
                    emit((byte) ',');
                }
            }
            if (escape) {
                escape = false;
                emit(unescaped(b));
            } else if (b == '\\') {
                escape = true;
            } else if (b == '\n') {
                rows++;
                rowStart = true;
                if (lines) {
                    emit(b);
                }
            } else {
                emit(b);
            }
        }

        private static byte unescaped(byte b) {
            return switch (b) {
                case 'n' -> '\n';
                case 'r' -> '\r';
                case 't' -> '\t';
                case 'b' -> '\b';
                case 'f' -> '\f';
                case 'v' -> 11;
                default -> b; // \\ and anything else: the character itself
            };
        }

        @Override
        public void flush() throws IOException {
            drain();
            out.flush();
        }

        /** Ends the array and sends what is buffered; only after the last row, never on a failure. */
        void finish() throws IOException {
            if (!lines) {
                emit((byte) ']');
            }
            flush();
        }
    }
}
