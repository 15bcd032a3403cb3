package org.bdisuite.it.contract;

import static net.jqwik.api.Tuple.of;

import io.swagger.v3.oas.models.media.Schema;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Request bodies for a media type and schema: JSON built from the schema with each property well-formed, of a
 * wrong type or hostile (missing required ones, unknown extra ones), malformed JSON, CSV and NDJSON lines with
 * metacharacters, invalid UTF-8.
 */
final class FuzzBodies {

    private static final int MAX_DEPTH = 4;

    /** JSON that no parser should accept, and JSON that strains one. */
    static final List<String> MALFORMED_JSON = List.of(
            "", " ", "{", "}", "[", "{\"a\":}", "{\"a\":1,}", "[1,2", "{'a':1}", "{a:1}", "nul", "tru", "{\"a\":1}}",
            "{\"a\":\"\\uZZZZ\"}", "{\"a\":\"unterminated}", "\uFEFF{}", "{\"a\":NaN}", "{\"a\":Infinity}",
            "{\"a\":01}", "{\"a\":1}{\"b\":2}", "{\"a\":1,\"a\":2}", "/* c */{}", "{\"a\":1} trailing", "\"\\u0000\"",
            "[".repeat(3000) + "]".repeat(3000), "{\"a\":".repeat(2000) + "1" + "}".repeat(2000),
            "{\"a\":" + "9".repeat(5000) + "}", "{\"a\":1e99999}", "{\"" + "k".repeat(60_000) + "\":1}",
            "{\"a\":\"" + "x".repeat(300_000) + "\"}");

    static final List<String> CONTENT_TYPES_WRONG = List.of(
            "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
            "application/octet-stream", "application/json; charset=UTF-16", "application/json; charset=ISO-8859-1",
            "text/csv", "application/x-ndjson", "*/*", "application/*", "garbage", "application/json;;;", "json");

    private FuzzBodies() {
    }

    /** A body for the media type: bytes, and the Content-Type to send (null: none). */
    record Body(byte[] bytes, String contentType) {
    }

    static Arbitrary<Body> forMediaType(String mediaType, Schema<?> schema, List<Schema<?>> jsonSchemas) {
        Arbitrary<byte[]> bytes = switch (mediaType) {
            case "application/json" -> json(schema);
            case "text/csv" -> csv();
            case "application/x-ndjson" -> ndjson(jsonSchemas);
            default -> Arbitraries.oneOf(csv(), text().map(FuzzBodies::utf8), invalidUtf8());
        };
        String declared = "*/*".equals(mediaType) ? "text/plain" : mediaType;
        Arbitrary<String> contentType = Arbitraries.frequencyOf(
                of(8, Arbitraries.just(declared)),
                of(1, Arbitraries.just(declared + "; charset=UTF-8")),
                of(2, Arbitraries.of(CONTENT_TYPES_WRONG)),
                of(1, Arbitraries.just("")));
        return Combinators.combine(bytes, contentType).as((body, type) -> new Body(body, type.isEmpty() ? null : type));
    }

    static Arbitrary<byte[]> json(Schema<?> schema) {
        Arbitrary<byte[]> fromSchema = schema == null ? text().map(FuzzBodies::utf8)
                : jsonValue(schema, 0, true).map(JsonText::write).map(FuzzBodies::utf8);
        Arbitrary<byte[]> fromExample = example(schema).map(example -> mutated(example, schema)
                .map(JsonText::write).map(FuzzBodies::utf8)).orElse(fromSchema);
        return Arbitraries.frequencyOf(
                of(4, fromSchema),
                of(4, fromExample),
                of(2, Arbitraries.of(MALFORMED_JSON).map(FuzzBodies::utf8)),
                of(1, Arbitraries.of("[]", "1", "-1", "\"text\"", "null", "true", "[{}]", "{}").map(FuzzBodies::utf8)),
                of(1, invalidUtf8()));
    }

    /** The schema's first example as maps and lists, when it has an object example. */
    @SuppressWarnings("unchecked")
    private static Optional<Map<String, Object>> example(Schema<?> schema) {
        if (schema == null || schema.getExamples() == null || schema.getExamples().isEmpty()) {
            return Optional.empty();
        }
        Object example = new com.fasterxml.jackson.databind.ObjectMapper().convertValue(schema.getExamples().get(0),
                Object.class);
        return example instanceof Map<?, ?> map ? Optional.of((Map<String, Object>) map) : Optional.empty();
    }

    /** The example as it is, or with one property hostile, of the wrong type, or left out. */
    @SuppressWarnings("rawtypes")
    private static Arbitrary<Object> mutated(Map<String, Object> example, Schema<?> schema) {
        List<String> keys = List.copyOf(example.keySet());
        Map<String, Schema> properties = schema.getProperties() == null ? Map.of() : schema.getProperties();
        Arbitrary<Object> replaced = Arbitraries.of(keys).flatMap(key -> {
            Schema<?> property = properties.getOrDefault(key, new Schema<>().type("string"));
            return Arbitraries.oneOf(hostileJson(property), jsonValue(property, 1, false)).map(value -> {
                Map<String, Object> copy = new LinkedHashMap<>(example);
                copy.put(key, value);
                return (Object) copy;
            });
        });
        Arbitrary<Object> without = Arbitraries.of(keys).map(key -> {
            Map<String, Object> copy = new LinkedHashMap<>(example);
            copy.remove(key);
            return copy;
        });
        return Arbitraries.frequencyOf(of(2, Arbitraries.just(example)), of(6, replaced), of(2, without));
    }

    /** A JSON value for the schema; {@code wellFormed} at the top so that most bodies get past the parser. */
    static Arbitrary<Object> jsonValue(Schema<?> schema, int depth, boolean top) {
        Arbitrary<Object> valid = validJson(schema, depth);
        if (top) {
            return valid;
        }
        return Arbitraries.frequencyOf(of(4, valid), of(1, hostileJson(schema)));
    }

    @SuppressWarnings("unchecked")
    private static Arbitrary<Object> validJson(Schema<?> schema, int depth) {
        String type = PlausibleValues.typeOf(schema);
        if (schema.getEnum() != null && !schema.getEnum().isEmpty()) {
            return Arbitraries.of((List<Object>) schema.getEnum()).map(value -> value);
        }
        if ("object".equals(type) || schema.getProperties() != null) {
            return depth >= MAX_DEPTH ? Arbitraries.just(Map.of()) : object(schema, depth);
        }
        if ("array".equals(type)) {
            Schema<?> items = schema.getItems() == null ? new Schema<>().type("string") : schema.getItems();
            return depth >= MAX_DEPTH ? Arbitraries.just(List.of())
                    : jsonValue(items, depth + 1, false).list().ofMaxSize(3).map(list -> list);
        }
        if ("integer".equals(type) || "number".equals(type)) {
            return FuzzValues.validOf(schema).map(text -> new JsonText.Raw(text));
        }
        if ("boolean".equals(type)) {
            return Arbitraries.of(true, false).map(value -> value);
        }
        if (schema.getAdditionalProperties() instanceof Schema<?> values && depth < MAX_DEPTH) {
            return Arbitraries.maps(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8),
                    jsonValue(values, depth + 1, false)).ofMaxSize(3).map(map -> map);
        }
        return Arbitraries.oneOf(FuzzValues.validOf(schema), Arbitraries.just(PlausibleValues.of(schema)))
                .map(text -> text);
    }

    /** A property value of the wrong type, out of range, too long or hostile. */
    private static Arbitrary<Object> hostileJson(Schema<?> schema) {
        Integer maxLength = schema.getMaxLength();
        Arbitrary<Object> tooLong = maxLength == null
                ? Arbitraries.strings().withCharRange('a', 'z').ofLength(20_000).map(text -> text)
                : Arbitraries.just("y".repeat(maxLength + 1));
        return Arbitraries.oneOf(
                FuzzValues.hostile().map(text -> text),
                FuzzValues.unicode().map(text -> text),
                FuzzValues.numbers().filter(n -> n.matches("-?\\d+(\\.\\d+)?([eE]-?\\d+)?")).map(JsonText.Raw::new),
                Arbitraries.of(true, false).map(value -> value),
                Arbitraries.just(null),
                Arbitraries.of(List.of(), List.of("a", 1), Map.of(), Map.of("nested", Map.of("x", 1))).map(v -> v),
                tooLong);
    }

    private static Arbitrary<Object> object(Schema<?> schema, int depth) {
        Map<String, Schema> properties = schema.getProperties() == null ? Map.of() : schema.getProperties();
        Set<String> required = schema.getRequired() == null ? Set.of() : Set.copyOf(schema.getRequired());
        List<Arbitrary<Optional<Map.Entry<String, Object>>>> entries = new ArrayList<>();
        properties.forEach((name, property) -> {
            int presence = required.contains(name) ? 12 : 5;
            Arbitrary<Optional<Map.Entry<String, Object>>> present = jsonValue(property, depth + 1, false)
                    .map(value -> Optional.of(new java.util.AbstractMap.SimpleEntry<>(name, value)));
            entries.add(Arbitraries.frequencyOf(of(presence, present), of(1, Arbitraries.just(Optional.empty()))));
        });
        entries.add(Arbitraries.frequencyOf(
                of(12, Arbitraries.just(Optional.empty())),
                of(1, FuzzValues.hostile().map(value -> Optional.of(new java.util.AbstractMap.SimpleEntry<>(
                        "unknownFuzzProperty", (Object) value))))));
        return Combinators.combine(entries).as(list -> {
            Map<String, Object> map = new LinkedHashMap<>();
            list.forEach(entry -> entry.ifPresent(e -> map.put(e.getKey(), e.getValue())));
            return map;
        });
    }

    /** CSV text: rows of fields with quotes, separators, formula prefixes, NUL, line breaks; or broken quoting. */
    static Arbitrary<byte[]> csv() {
        Arbitrary<String> field = Arbitraries.oneOf(
                Arbitraries.strings().alpha().numeric().ofMaxLength(12),
                FuzzValues.hostile(), FuzzValues.numbers(), FuzzValues.unicode(),
                FuzzValues.hostile().map(text -> "\"" + text.replace("\"", "\"\"") + "\""));
        Arbitrary<String> row = field.list().ofMinSize(1).ofMaxSize(6).map(fields -> String.join(",", fields));
        Arbitrary<String> rows = row.list().ofMaxSize(20).map(list -> String.join("\n", list) + "\n");
        return Arbitraries.frequencyOf(
                of(6, rows.map(FuzzBodies::utf8)),
                of(1, Arbitraries.of("", "\n", "\"unterminated\n", "a,\"b\nc", "1,2\r\n3,4\r\n", "\u0000\n",
                        "1,RED,COLOR\n".repeat(20_000)).map(FuzzBodies::utf8)),
                of(1, invalidUtf8()));
    }

    /** NDJSON: lines that are objects of the contract's JSON schemas, or broken lines. */
    static Arbitrary<byte[]> ndjson(List<Schema<?>> jsonSchemas) {
        List<Arbitrary<String>> lineChoices = new ArrayList<>();
        for (Schema<?> schema : jsonSchemas) {
            lineChoices.add(jsonValue(schema, 0, true).map(JsonText::write));
        }
        lineChoices.add(Arbitraries.of(MALFORMED_JSON.subList(0, 24)));
        lineChoices.add(Arbitraries.of("{}", "[]", "1", "null", "\"x\""));
        Arbitrary<String> line = Arbitraries.oneOf(lineChoices);
        return Arbitraries.oneOf(
                line.list().ofMaxSize(12).map(lines -> String.join("\n", lines) + "\n").map(FuzzBodies::utf8),
                line.list().ofMaxSize(4).map(lines -> String.join("\r\n", lines)).map(FuzzBodies::utf8),
                invalidUtf8());
    }

    private static Arbitrary<String> text() {
        return Arbitraries.oneOf(FuzzValues.hostile(), FuzzValues.unicode(), FuzzValues.overlong());
    }

    /** Bytes that are not UTF-8: a lone continuation byte, an overlong NUL, an encoded surrogate, 0xFF. */
    static Arbitrary<byte[]> invalidUtf8() {
        return Arbitraries.of(
                new byte[] {(byte) 0x80}, new byte[] {(byte) 0xC0, (byte) 0x80}, new byte[] {(byte) 0xED, (byte) 0xA0,
                        (byte) 0x80}, new byte[] {(byte) 0xFF, (byte) 0xFE, 0}, new byte[] {'{', '"', 'a', '"', ':', '"',
                        (byte) 0xC3, '"', '}'}, new byte[] {'1', ',', (byte) 0xE2, (byte) 0x82, '\n'});
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
