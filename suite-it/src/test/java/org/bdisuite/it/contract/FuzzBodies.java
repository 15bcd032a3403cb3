package org.bdisuite.it.contract;

import static org.bdisuite.it.contract.Gen.weighted;

import io.swagger.v3.oas.models.media.Schema;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Request bodies for a media type and schema: JSON built from the schema with each property well-formed, of a
 * wrong type or hostile (missing required ones, unknown extra ones), malformed JSON, CSV and NDJSON lines with
 * metacharacters, invalid UTF-8.
 */
final class FuzzBodies {

    private static final int MAX_DEPTH = 4;

    /** JSON that no parser should accept, and JSON that strains one. */
    static final List<String> MALFORMED_JSON = List.of(
            "",
            " ",
            "{",
            "}",
            "[",
            "{\"a\":}",
            "{\"a\":1,}",
            "[1,2",
            "{'a':1}",
            "{a:1}",
            "nul",
            "tru",
            "{\"a\":1}}",
            "{\"a\":\"\\uZZZZ\"}",
            "{\"a\":\"unterminated}",
            "\uFEFF{}",
            "{\"a\":NaN}",
            "{\"a\":Infinity}",
            "{\"a\":01}",
            "{\"a\":1}{\"b\":2}",
            "{\"a\":1,\"a\":2}",
            "/* c */{}",
            "{\"a\":1} trailing",
            "\"\\u0000\"",
            "[".repeat(3000) + "]".repeat(3000),
            "{\"a\":".repeat(2000) + "1" + "}".repeat(2000),
            "{\"a\":" + "9".repeat(5000) + "}",
            "{\"a\":1e99999}",
            "{\"" + "k".repeat(60_000) + "\":1}",
            "{\"a\":\"" + "x".repeat(300_000) + "\"}");

    static final List<String> CONTENT_TYPES_WRONG = List.of(
            "text/plain",
            "application/xml",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x",
            "application/octet-stream",
            "application/json; charset=UTF-16",
            "application/json; charset=ISO-8859-1",
            "text/csv",
            "application/x-ndjson",
            "*/*",
            "application/*",
            "garbage",
            "application/json;;;",
            "json");

    private FuzzBodies() {}

    /** A body for the media type: bytes, and the Content-Type to send (null: none). */
    record Body(byte[] bytes, String contentType) {}

    static Gen<Body> forMediaType(String mediaType, Schema<?> schema, List<Schema<?>> jsonSchemas) {
        Gen<byte[]> bytes = switch (mediaType) {
            case "application/json" -> json(schema);
            case "text/csv" -> csv();
            case "application/x-ndjson" -> ndjson(jsonSchemas);
            default -> Gen.oneOf(csv(), text().map(FuzzBodies::utf8), invalidUtf8());
        };
        String declared = "*/*".equals(mediaType) ? "text/plain" : mediaType;
        Gen<String> contentType = Gen.frequencyOf(
                weighted(8, Gen.just(declared)),
                weighted(1, Gen.just(declared + "; charset=UTF-8")),
                weighted(2, Gen.of(CONTENT_TYPES_WRONG)),
                weighted(1, Gen.just("")));
        return random -> {
            byte[] body = bytes.next(random);
            String type = contentType.next(random);
            return new Body(body, type.isEmpty() ? null : type);
        };
    }

    static Gen<byte[]> json(Schema<?> schema) {
        Gen<byte[]> fromSchema = schema == null
                ? text().map(FuzzBodies::utf8)
                : jsonValue(schema, 0, true).map(JsonText::write).map(FuzzBodies::utf8);
        Gen<byte[]> fromExample = example(schema)
                .map(example -> mutated(example, schema).map(JsonText::write).map(FuzzBodies::utf8))
                .orElse(fromSchema);
        return Gen.frequencyOf(
                weighted(4, fromSchema),
                weighted(4, fromExample),
                weighted(2, Gen.of(MALFORMED_JSON).map(FuzzBodies::utf8)),
                weighted(
                        1,
                        Gen.of("[]", "1", "-1", "\"text\"", "null", "true", "[{}]", "{}")
                                .map(FuzzBodies::utf8)),
                weighted(1, invalidUtf8()));
    }

    /** The schema's first example as maps and lists, when it has an object example. */
    @SuppressWarnings("unchecked")
    private static Optional<Map<String, Object>> example(Schema<?> schema) {
        if (schema == null
                || schema.getExamples() == null
                || schema.getExamples().isEmpty()) {
            return Optional.empty();
        }
        Object example = new com.fasterxml.jackson.databind.ObjectMapper()
                .convertValue(schema.getExamples().get(0), Object.class);
        return example instanceof Map<?, ?> map ? Optional.of((Map<String, Object>) map) : Optional.empty();
    }

    /** The example as it is, or with one property hostile, of the wrong type, or left out. */
    @SuppressWarnings("rawtypes")
    private static Gen<Object> mutated(Map<String, Object> example, Schema<?> schema) {
        List<String> keys = List.copyOf(example.keySet());
        Map<String, Schema> properties = schema.getProperties() == null ? Map.of() : schema.getProperties();
        Gen<Object> replaced = Gen.of(keys).flatMap(key -> {
            Schema<?> property = properties.getOrDefault(key, new Schema<>().type("string"));
            return Gen.oneOf(hostileJson(property), jsonValue(property, 1, false))
                    .map(value -> {
                        Map<String, Object> copy = new LinkedHashMap<>(example);
                        copy.put(key, value);
                        return (Object) copy;
                    });
        });
        Gen<Object> without = Gen.of(keys).map(key -> {
            Map<String, Object> copy = new LinkedHashMap<>(example);
            copy.remove(key);
            return copy;
        });
        return Gen.frequencyOf(weighted(2, Gen.just(example)), weighted(6, replaced), weighted(2, without));
    }

    /** A JSON value for the schema; {@code wellFormed} at the top so that most bodies get past the parser. */
    static Gen<Object> jsonValue(Schema<?> schema, int depth, boolean top) {
        Gen<Object> valid = validJson(schema, depth);
        if (top) {
            return valid;
        }
        return Gen.frequencyOf(weighted(4, valid), weighted(1, hostileJson(schema)));
    }

    @SuppressWarnings("unchecked")
    private static Gen<Object> validJson(Schema<?> schema, int depth) {
        String type = PlausibleValues.typeOf(schema);
        if (schema.getEnum() != null && !schema.getEnum().isEmpty()) {
            return Gen.of((List<Object>) schema.getEnum()).map(value -> value);
        }
        if ("object".equals(type) || schema.getProperties() != null) {
            return depth >= MAX_DEPTH ? Gen.just(Map.of()) : object(schema, depth);
        }
        if ("array".equals(type)) {
            Schema<?> items = schema.getItems() == null ? new Schema<>().type("string") : schema.getItems();
            return depth >= MAX_DEPTH
                    ? Gen.just(List.of())
                    : jsonValue(items, depth + 1, false).list(0, 3).map(list -> list);
        }
        if ("integer".equals(type) || "number".equals(type)) {
            return FuzzValues.validOf(schema).map(text -> new JsonText.Raw(text));
        }
        if ("boolean".equals(type)) {
            return Gen.of(true, false).map(value -> value);
        }
        if (schema.getAdditionalProperties() instanceof Schema<?> values && depth < MAX_DEPTH) {
            return Gen.maps(Gen.strings(Gen.ALPHA, 1, 8), jsonValue(values, depth + 1, false), 3)
                    .map(map -> map);
        }
        return Gen.oneOf(FuzzValues.validOf(schema), Gen.just(PlausibleValues.of(schema)))
                .map(text -> text);
    }

    /** A property value of the wrong type, out of range, too long or hostile. */
    private static Gen<Object> hostileJson(Schema<?> schema) {
        Integer maxLength = schema.getMaxLength();
        Gen<Object> tooLong = maxLength == null
                ? Gen.strings(Gen.range('a', 'z'), 20_000, 20_000).map(text -> text)
                : Gen.just("y".repeat(maxLength + 1));
        return Gen.oneOf(
                FuzzValues.hostile().map(text -> text),
                FuzzValues.unicode().map(text -> text),
                FuzzValues.numbers()
                        .filter(n -> n.matches("-?\\d+(\\.\\d+)?([eE]-?\\d+)?"))
                        .map(JsonText.Raw::new),
                Gen.of(true, false).map(value -> value),
                Gen.just(null),
                Gen.of(List.of(), List.of("a", 1), Map.of(), Map.of("nested", Map.of("x", 1)))
                        .map(v -> v),
                tooLong);
    }

    private static Gen<Object> object(Schema<?> schema, int depth) {
        Map<String, Schema> properties = schema.getProperties() == null ? Map.of() : schema.getProperties();
        Set<String> required = schema.getRequired() == null ? Set.of() : Set.copyOf(schema.getRequired());
        List<Gen<Optional<Map.Entry<String, Object>>>> entries = new ArrayList<>();
        properties.forEach((name, property) -> {
            int presence = required.contains(name) ? 12 : 5;
            Gen<Optional<Map.Entry<String, Object>>> present = jsonValue(property, depth + 1, false)
                    .map(value -> Optional.of(new java.util.AbstractMap.SimpleEntry<>(name, value)));
            entries.add(Gen.frequencyOf(weighted(presence, present), weighted(1, Gen.just(Optional.empty()))));
        });
        entries.add(Gen.frequencyOf(
                weighted(12, Gen.just(Optional.empty())),
                weighted(
                        1,
                        FuzzValues.hostile()
                                .map(value -> Optional.of(new java.util.AbstractMap.SimpleEntry<>(
                                        "unknownFuzzProperty", (Object) value))))));
        return Gen.all(entries).map(list -> {
            Map<String, Object> map = new LinkedHashMap<>();
            list.forEach(entry -> entry.ifPresent(e -> map.put(e.getKey(), e.getValue())));
            return map;
        });
    }

    /** CSV text: rows of fields with quotes, separators, formula prefixes, NUL, line breaks; or broken quoting. */
    static Gen<byte[]> csv() {
        Gen<String> field = Gen.oneOf(
                Gen.strings(Gen.ALPHA + Gen.NUMERIC, 0, 12),
                FuzzValues.hostile(),
                FuzzValues.numbers(),
                FuzzValues.unicode(),
                FuzzValues.hostile().map(text -> "\"" + text.replace("\"", "\"\"") + "\""));
        Gen<String> row = field.list(1, 6).map(fields -> String.join(",", fields));
        Gen<String> rows = row.list(0, 20).map(list -> String.join("\n", list) + "\n");
        return Gen.frequencyOf(
                weighted(6, rows.map(FuzzBodies::utf8)),
                weighted(
                        1,
                        Gen.of(
                                        "",
                                        "\n",
                                        "\"unterminated\n",
                                        "a,\"b\nc",
                                        "1,2\r\n3,4\r\n",
                                        "\u0000\n",
                                        "1,RED,COLOR\n".repeat(20_000))
                                .map(FuzzBodies::utf8)),
                weighted(1, invalidUtf8()));
    }

    /** NDJSON: lines that are objects of the contract's JSON schemas, or broken lines. */
    static Gen<byte[]> ndjson(List<Schema<?>> jsonSchemas) {
        List<Gen<String>> lineChoices = new ArrayList<>();
        for (Schema<?> schema : jsonSchemas) {
            lineChoices.add(jsonValue(schema, 0, true).map(JsonText::write));
        }
        lineChoices.add(Gen.of(MALFORMED_JSON.subList(0, 24)));
        lineChoices.add(Gen.of("{}", "[]", "1", "null", "\"x\""));
        Gen<String> line = Gen.oneOf(lineChoices);
        return Gen.oneOf(
                line.list(0, 12).map(lines -> String.join("\n", lines) + "\n").map(FuzzBodies::utf8),
                line.list(0, 4).map(lines -> String.join("\r\n", lines)).map(FuzzBodies::utf8),
                invalidUtf8());
    }

    private static Gen<String> text() {
        return Gen.oneOf(FuzzValues.hostile(), FuzzValues.unicode(), FuzzValues.overlong());
    }

    /** Bytes that are not UTF-8: a lone continuation byte, an overlong NUL, an encoded surrogate, 0xFF. */
    static Gen<byte[]> invalidUtf8() {
        return Gen.of(
                new byte[] {(byte) 0x80},
                new byte[] {(byte) 0xC0, (byte) 0x80},
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                new byte[] {(byte) 0xFF, (byte) 0xFE, 0},
                new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}'},
                new byte[] {'1', ',', (byte) 0xE2, (byte) 0x82, '\n'});
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
