package org.bdisuite.exporter.customerservice.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.OutputStream;
import org.bdisuite.exporter.customerservice.api.CustomerServiceSelection;
import org.bdisuite.exporter.customerservice.persistence.CustomerServiceStore;
import org.bdisuite.exporter.generator.ByteFilter;
import org.bdisuite.exporter.generator.CopyExport;

/**
 * The JSON stream of the services export, through {@code COPY (...) TO STDOUT} and pgjdbc's CopyManager, which
 * streams the rows as the query runs. Ids: PostgreSQL prints them and {@link JsonValues} joins COPY's lines into a
 * JSON array (or NDJSON). Whole services: PostgreSQL sends the plain columns ({@link CustomerServiceStore#COPY_COLUMNS})
 * and CopyExport's JSON filter builds the objects on the exporter's core while the server reads the next rows; the
 * same writer as the JSON files, so a streamed service and a file row are the same JSON. Nothing is held: memory is
 * constant, the first bytes leave with COPY's first rows, and a client that stops reading holds the COPY back (the
 * output stream blocks). Read-only transaction with the statement timeout, which bounds the whole stream (a longer
 * one is continued with after=).
 */
@ApplicationScoped
public class CustomerServiceStreams {

    /** What to stream. */
    public record Request(CustomerServiceSelection selection, boolean content, boolean lines, Long after, Long limit) {}

    private final CopyExport copy;
    private final CustomerServiceStore store;

    public CustomerServiceStreams(CopyExport copy, CustomerServiceStore store) {
        this.copy = copy;
        this.store = store;
    }

    /**
     * Writes the selected services (ids, or whole services with {@code content}) as a JSON array, or with
     * {@code lines} as NDJSON. A failure after the first bytes propagates, so that the response is cut off instead
     * of ending as a well-formed but incomplete document. Returns the rows written.
     */
    public long write(Request request, OutputStream out) throws IOException {
        CustomerServiceSelection selection = request.selection();
        if (request.content()) {
            return copy.streamJson(
                    CustomerServiceStore.copySelect(selection, request.after(), request.limit()),
                    CustomerServiceStore.COPY_COLUMNS,
                    request.lines(),
                    out);
        }
        JsonValues values = new JsonValues(out, request.lines());
        long rows = store.copyIds(selection, request.after(), request.limit(), values);
        values.finish();
        return rows;
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
