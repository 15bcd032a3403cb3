package org.bdisuite.it.contract;

import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.bdisuite.it.contract.FuzzValues.Fragment;

/**
 * Turns an operation and parameter values into a request: the matrix's one well-formed call, and the fuzz's
 * arbitrary of calls.
 */
final class ContractCalls {

    /** What the fuzz sends for an operation; {@code routeMayChange} when a path value may reach another route. */
    record FuzzCall(ContractOperation operation, ContractHttp.Call call, boolean routeMayChange) {

        @Override
        public String toString() {
            return operation.service() + " " + operation
                    + (routeMayChange ? " (path value may reach another route)" : "") + "\n" + call;
        }
    }

    private ContractCalls() {}

    /** The matrix's call: every parameter plausible, a plausible body where the operation takes one. */
    static ContractHttp.Call plausible(ContractOperation operation) {
        Map<String, Fragment> values = new LinkedHashMap<>();
        for (Parameter parameter : operation.parameters()) {
            if ("path".equals(parameter.getIn()) || Boolean.TRUE.equals(parameter.getRequired())) {
                values.put(parameter.getName(), Fragment.of(PlausibleValues.of(parameter)));
            }
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", operation.accept());
        byte[] body = null;
        if (!operation.bodies().isEmpty()) {
            Map.Entry<String, Schema<?>> first =
                    operation.bodies().entrySet().iterator().next();
            String type = "*/*".equals(first.getKey()) ? "text/plain" : first.getKey();
            headers.put("Content-Type", type);
            body = plausibleBody(type, first.getValue());
        }
        return build(operation, values, headers, body);
    }

    private static byte[] plausibleBody(String type, Schema<?> schema) {
        String text = switch (type) {
            case "application/json" -> JsonText.write(plausibleJson(schema));
            case "application/x-ndjson" -> "{}\n";
            default -> "1,A\n";
        };
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Object plausibleJson(Schema<?> schema) {
        if (schema == null) {
            return Map.of();
        }
        String type = PlausibleValues.typeOf(schema);
        if ("object".equals(type)) {
            Map<String, Object> object = new LinkedHashMap<>();
            if (schema.getProperties() != null && schema.getRequired() != null) {
                for (String name : schema.getRequired()) {
                    Schema<?> property = schema.getProperties().get(name);
                    object.put(name, plausibleJson(property));
                }
            }
            return object;
        }
        if ("array".equals(type)) {
            return schema.getItems() == null ? List.of() : List.of(plausibleJson(schema.getItems()));
        }
        String value = PlausibleValues.of(schema);
        if ("integer".equals(type) || "number".equals(type)) {
            return new JsonText.Raw(value);
        }
        return "boolean".equals(type) ? Boolean.valueOf(value) : value;
    }

    /** The fuzz's calls for one operation. */
    static Gen<FuzzCall> fuzz(
            ContractOperation operation,
            List<String> literalSegments,
            List<Schema<?>> jsonSchemas,
            Map<String, List<String>> existing) {
        List<Gen<Map.Entry<String, Fragment>>> anyValues = new ArrayList<>();
        List<Gen<Map.Entry<String, Fragment>>> wellFormed = new ArrayList<>();
        for (Parameter parameter : operation.parameters()) {
            List<String> names = existing.getOrDefault(parameter.getName(), List.of());
            anyValues.add(optional(
                    parameter,
                    FuzzValues.forParameter(
                            parameter, "path".equals(parameter.getIn()) ? literalSegments : List.of(), names)));
            wellFormed.add(optional(parameter, FuzzValues.wellFormed(parameter, names)));
        }
        Gen<List<Map.Entry<String, Fragment>>> parameters = anyValues.isEmpty()
                ? Gen.just(List.of())
                : Gen.oneOf(Gen.all(anyValues), oneBad(anyValues, wellFormed));
        Gen<FuzzBodies.Body> body = body(operation, jsonSchemas);
        return random -> {
            List<Map.Entry<String, Fragment>> chosen = parameters.next(random);
            FuzzBodies.Body chosenBody = body.next(random);
            Map<String, Fragment> byName = new LinkedHashMap<>();
            chosen.stream().filter(java.util.Objects::nonNull).forEach(e -> byName.put(e.getKey(), e.getValue()));
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Accept", operation.accept());
            byte[] bytes = null;
            if (chosenBody != null) {
                if (chosenBody.contentType() != null) {
                    headers.put("Content-Type", chosenBody.contentType());
                }
                bytes = chosenBody.bytes();
            }
            boolean routeMayChange = operation.parameters().stream()
                    .filter(p -> "path".equals(p.getIn()))
                    .map(p -> byName.get(p.getName()))
                    .anyMatch(v -> mayChangeRoute(v, literalSegments));
            return new FuzzCall(operation, build(operation, byName, headers, bytes), routeMayChange);
        };
    }

    /** Optional parameters are left out half the time (null: not sent). */
    private static Gen<Map.Entry<String, Fragment>> optional(Parameter parameter, Gen<Fragment> value) {
        Gen<Map.Entry<String, Fragment>> entry = value.map(v -> Map.entry(parameter.getName(), v));
        return "path".equals(parameter.getIn()) || Boolean.TRUE.equals(parameter.getRequired())
                ? entry
                : Gen.frequencyOf(Gen.weighted(1, entry), Gen.weighted(1, Gen.just(null)));
    }

    /**
     * Every parameter well-formed but one, which may be anything: so that a request with many parameters gets past
     * the checks of the others and reaches the code behind (a receiver upload's CSV, say).
     */
    private static Gen<List<Map.Entry<String, Fragment>>> oneBad(
            List<Gen<Map.Entry<String, Fragment>>> any, List<Gen<Map.Entry<String, Fragment>>> good) {
        return Gen.integers(0, any.size() - 1).flatMap(bad -> {
            List<Gen<Map.Entry<String, Fragment>>> chosen = new ArrayList<>(good);
            chosen.set(bad, any.get(bad));
            return Gen.all(chosen);
        });
    }

    private static Gen<FuzzBodies.Body> body(ContractOperation operation, List<Schema<?>> jsonSchemas) {
        if (operation.bodies().isEmpty()) {
            return Gen.just(null);
        }
        List<Gen<FuzzBodies.Body>> choices = new ArrayList<>();
        operation.bodies().forEach((type, schema) -> choices.add(FuzzBodies.forMediaType(type, schema, jsonSchemas)));
        return Gen.frequencyOf(
                Gen.weighted(12, Gen.oneOf(choices)), Gen.weighted(1, Gen.just(new FuzzBodies.Body(null, null))));
    }

    /** An empty segment, dots, a literal segment of another path, or anything unencoded may route elsewhere. */
    private static boolean mayChangeRoute(Fragment value, List<String> literalSegments) {
        return value.raw()
                || value.text().isEmpty()
                || value.text().matches("\\.+")
                || literalSegments.contains(value.text())
                || value.text().contains("/")
                || value.text().contains("\\")
                || value.text().contains(";");
    }

    /** The literal segments of all the contract's paths (executions, steps, ...): values that change the route. */
    static List<String> literalSegments(List<ContractOperation> operations) {
        Set<String> segments = new TreeSet<>();
        for (ContractOperation operation : operations) {
            for (String segment : operation.path().split("/")) {
                if (!segment.isEmpty() && !segment.contains("{")) {
                    segments.add(segment);
                }
            }
        }
        return List.copyOf(segments);
    }

    static ContractHttp.Call build(
            ContractOperation operation, Map<String, Fragment> values, Map<String, String> headers, byte[] body) {
        String path = operation.path();
        StringBuilder query = new StringBuilder();
        Map<String, String> allHeaders = new LinkedHashMap<>(headers);
        for (Parameter parameter : operation.parameters()) {
            Fragment value = values.get(parameter.getName());
            switch (parameter.getIn()) {
                case "path" ->
                    path = path.replace("{" + parameter.getName() + "}", value == null ? "" : encoded(value));
                case "query" -> {
                    if (value != null) {
                        query.append(query.isEmpty() ? '?' : '&')
                                .append(encode(parameter.getName()))
                                .append('=')
                                .append(encoded(value));
                    }
                }
                case "header" -> {
                    if (value != null && FuzzValues.sendableInHeader(value.text())) {
                        allHeaders.put(parameter.getName(), value.text());
                    }
                }
                default -> {
                    // cookies: none in the contracts
                }
            }
        }
        return new ContractHttp.Call(operation.method(), path + query, allHeaders, body);
    }

    private static String encoded(Fragment value) {
        return value.raw() ? value.text() : encode(value.text());
    }

    /** Percent-encodes every byte of the UTF-8 form except RFC 3986's unreserved characters. */
    static String encode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }
}
