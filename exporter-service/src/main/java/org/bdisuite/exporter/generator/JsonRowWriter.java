package org.bdisuite.exporter.generator;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.bdisuite.exporter.datasource.JsonText;

/** A JSON array of objects, one per row, keyed by the header row; streamed with Jackson's generator. */
public class JsonRowWriter implements RowWriter {

    private static final JsonFactory FACTORY = new JsonFactory();

    private final JsonGenerator json;
    private final DateTimeFormatter dates;
    private List<String> header;

    public JsonRowWriter(OutputStream stream, DateTimeFormatter dates) throws IOException {
        this.json = FACTORY.createGenerator(stream, JsonEncoding.UTF8);
        this.dates = dates;
    }

    @Override
    public void header(List<String> headerRow) throws IOException {
        this.header = List.copyOf(headerRow);
        json.writeStartArray();
    }

    @Override
    public void row(Object[] values) throws IOException {
        json.writeStartObject();
        for (int i = 0; i < values.length; i++) {
            json.writeFieldName(header.get(i));
            Object value = values[i];
            if (value == null) {
                json.writeNull();
            } else if (value instanceof Long number) {
                json.writeNumber(number);
            } else if (value instanceof BigDecimal number) {
                json.writeNumber(number);
            } else if (value instanceof Double number) {
                json.writeNumber(number);
            } else if (value instanceof Boolean bool) {
                json.writeBoolean(bool);
            } else if (value instanceof JsonText raw) {
                json.writeRawValue(raw.text());
            } else {
                json.writeString(ValueText.of(value, dates));
            }
        }
        json.writeEndObject();
    }

    @Override
    public void finish() throws IOException {
        json.writeEndArray();
        json.flush();
    }

    @Override
    public void close() throws IOException {
        json.close();
    }
}
