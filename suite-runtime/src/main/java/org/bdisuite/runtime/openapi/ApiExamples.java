package org.bdisuite.runtime.openapi;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * Puts example payloads on the component schemas of a document, written as JSON text (readable in the source,
 * and checked to be JSON when the document is built). A schema that is not in the document fails the build, so a
 * renamed API record cannot leave its example behind.
 */
public final class ApiExamples {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ApiExamples() {}

    public static void add(OpenAPI openAPI, String schemaName, String json) {
        Map<String, Schema> schemas =
                openAPI.getComponents() == null ? null : openAPI.getComponents().getSchemas();
        Schema schema = schemas == null ? null : schemas.get(schemaName);
        if (schema == null) {
            throw new IllegalStateException("No schema " + schemaName + " in the OpenAPI document to put an example on;"
                    + " its schemas: " + (schemas == null ? "none" : new java.util.TreeSet<>(schemas.keySet())));
        }
        schema.addExample(parse(json));
    }

    /** The JSON as maps and lists in their written order; null members are left out (no schema says nullable). */
    static Object parse(String json) {
        try {
            return withoutNulls(JSON.readValue(json, new TypeReference<Object>() {}));
        } catch (IOException e) {
            throw new UncheckedIOException("An OpenAPI example is not JSON: " + json, e);
        }
    }

    private static Object withoutNulls(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> kept = new LinkedHashMap<>();
            map.forEach((key, member) -> {
                if (member != null) {
                    kept.put((String) key, withoutNulls(member));
                }
            });
            return kept;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ApiExamples::withoutNulls).toList();
        }
        return value;
    }
}
