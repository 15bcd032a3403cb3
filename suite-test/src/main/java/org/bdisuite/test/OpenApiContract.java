package org.bdisuite.test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks of a service's OpenAPI contract, for a {@code @QuarkusTest} of that service: the build (also the test's own
 * start) writes the document to {@code target/openapi/} ({@code quarkus.smallrye-openapi.store-schema-directory}),
 * and the stored copy under {@code docs/openapi/} must be the same bytes, so that every contract change shows in
 * review. {@code tools/openapi-update.sh} refreshes the stored copies.
 */
public final class OpenApiContract {

    public static final String UPDATE_COMMAND = "tools/openapi-update.sh";
    private static final Path GENERATED = Path.of("target", "openapi");

    private OpenApiContract() {}

    /** The stored document of {@code service} (for example receiver-service), relative to the module directory. */
    public static Path stored(String service) {
        return Path.of("..", "docs", "openapi", service + ".yaml");
    }

    /** Fails with the first differing line and the command that updates the stored document. */
    public static void assertStoredMatchesGenerated(String service) throws IOException {
        Path generated = GENERATED.resolve("openapi.yaml");
        Path stored = stored(service);
        if (!Files.exists(generated)) {
            throw new AssertionError(
                    "The build wrote no " + generated.toAbsolutePath().normalize()
                            + " (quarkus.smallrye-openapi.store-schema-directory=target/openapi is a suite default)");
        }
        if (!Files.exists(stored)) {
            throw new AssertionError("No stored contract " + stored.normalize() + ": run " + UPDATE_COMMAND
                    + " and commit docs/openapi/");
        }
        List<String> want = Files.readAllLines(generated);
        List<String> have = Files.readAllLines(stored);
        for (int i = 0; i < Math.max(want.size(), have.size()); i++) {
            String generatedLine = i < want.size() ? want.get(i) : "<end of file>";
            String storedLine = i < have.size() ? have.get(i) : "<end of file>";
            if (!generatedLine.equals(storedLine)) {
                throw new AssertionError("docs/openapi/" + service + ".yaml is not the contract this build generates ("
                        + generated + "). First difference at line " + (i + 1) + ":\n  stored:    " + storedLine
                        + "\n  generated: " + generatedLine + "\nIf the change is intended, run " + UPDATE_COMMAND
                        + " and commit docs/openapi/ with it.");
            }
        }
    }

    /**
     * What every operation must have: a unique operationId, a summary, responses of which every 4xx / 5xx carries
     * the error body, a 2xx response, and, unless listed as public, its roles ({@code x-roles}) with 401 and 403.
     */
    public static void assertEveryOperationDocumented(Set<String> publicOperations) throws IOException {
        JsonNode document =
                new ObjectMapper().readTree(GENERATED.resolve("openapi.json").toFile());
        List<String> problems = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths =
                        document.path("paths").fields();
                paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                String where = op.getKey().toUpperCase() + " " + path.getKey();
                String id = op.getValue().path("operationId").asText("");
                if (id.isEmpty() || !ids.add(id)) {
                    problems.add(where + ": operationId '" + id + "' missing or not unique");
                }
                if (op.getValue().path("summary").asText("").isBlank()) {
                    problems.add(where + ": no summary");
                }
                JsonNode responses = op.getValue().path("responses");
                boolean success = false;
                for (Iterator<String> codes = responses.fieldNames(); codes.hasNext(); ) {
                    success |= codes.next().startsWith("2");
                }
                if (!success) {
                    problems.add(where + ": no 2xx response");
                }
                if (!publicOperations.contains(id)) {
                    if (!op.getValue().path("x-roles").isArray()
                            || op.getValue().path("x-roles").isEmpty()) {
                        problems.add(where + ": no x-roles");
                    }
                    if (!responses.has("401") || !responses.has("403")) {
                        problems.add(where + ": no 401 / 403");
                    }
                }
                for (Iterator<Map.Entry<String, JsonNode>> codes = responses.fields(); codes.hasNext(); ) {
                    Map.Entry<String, JsonNode> code = codes.next();
                    if (code.getKey().charAt(0) >= '4'
                            && !code.getValue().path("content").toString().contains("#/components/schemas/ErrorBody")) {
                        problems.add(where + ": " + code.getKey() + " without the ErrorBody schema");
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new AssertionError("OpenAPI operations lacking documentation:\n  " + String.join("\n  ", problems));
        }
    }
}
