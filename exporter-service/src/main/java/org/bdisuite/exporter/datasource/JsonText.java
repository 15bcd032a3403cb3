package org.bdisuite.exporter.datasource;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import java.io.IOException;

/**
 * A json / jsonb column's value as PostgreSQL printed it: JSON writers embed it as it is (not as a string, and
 * without parsing it), text writers (CSV) write the text.
 */
public record JsonText(String text) implements JsonSerializable {

    @Override
    public void serialize(JsonGenerator generator, SerializerProvider serializers) throws IOException {
        generator.writeRawValue(text);
    }

    @Override
    public void serializeWithType(JsonGenerator generator, SerializerProvider serializers, TypeSerializer type)
            throws IOException {
        serialize(generator, serializers);
    }

    @Override
    public String toString() {
        return text;
    }
}
