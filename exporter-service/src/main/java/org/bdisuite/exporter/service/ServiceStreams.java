package org.bdisuite.exporter.service;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.OutputStream;
import org.bdisuite.exporter.datasource.ExportDataSource.SqlQuery;
import org.bdisuite.exporter.datasource.RowStreamer;
import org.bdisuite.exporter.datasource.ServiceColumns;
import org.bdisuite.exporter.datasource.ServiceSelection;

/**
 * The JSON stream of the services export: rows go from the database cursor (RowStreamer: read-only, fetch size,
 * statement timeout) through Jackson's streaming generator into the response, one at a time, so memory stays
 * constant and the first bytes leave before the last row is read. Whole services are printed by PostgreSQL
 * (ServiceColumns), which saves converting every value in Java; they are written into the output as they come.
 */
@ApplicationScoped
public class ServiceStreams {

    private static final JsonFactory FACTORY = new JsonFactory();

    /** What to stream. */
    public record Request(ServiceSelection selection, boolean content, boolean lines, Long after, Long limit) {
    }

    private final RowStreamer rows;

    public ServiceStreams(RowStreamer rows) {
        this.rows = rows;
    }

    /**
     * Writes the selected services (ids, or whole services with {@code content}) as a JSON array, or with
     * {@code lines} as NDJSON (one value per line). A failure after the first bytes propagates, so that the
     * response is cut off instead of ending as a well-formed but incomplete document.
     */
    public long write(Request request, OutputStream out) throws IOException {
        try (JsonGenerator json = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            // A failed stream must not be closed into a valid array by the generator's close().
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_JSON_CONTENT);
            if (!request.lines()) {
                json.writeStartArray();
            }
            long count = rows.stream(query(request), values -> {
                write(json, values[0], request.lines());
                return true;
            });
            if (!request.lines()) {
                json.writeEndArray();
            }
            json.flush();
            return count;
        }
    }

    private static void write(JsonGenerator json, Object value, boolean lines) throws IOException {
        if (lines) {
            json.writeRaw(value.toString());
            json.writeRaw('\n');
        } else if (value instanceof Long id) {
            json.writeNumber(id);
        } else {
            json.writeRawValue((String) value);
        }
    }

    private static SqlQuery query(Request request) {
        if (!request.content()) {
            return request.selection().query("id", request.after(), request.limit());
        }
        SqlQuery inner = request.selection().query(ServiceColumns.SELECT_LIST, request.after(), request.limit());
        return new SqlQuery(ServiceColumns.asJsonObjects(inner.sql()), inner.arguments());
    }
}
