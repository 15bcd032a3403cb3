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

    /**
     * Every parameter an operation reads is in the contract, and every parameter of the contract is read: per
     * {@code operationId}, the names of the resource method's {@code @QueryParam} / {@code @PathParam} /
     * {@code @HeaderParam} (also inside its {@code @BeanParam} types) and method-level {@code @Parameter}s equal the
     * stored contract's parameters of that operation (as {@code in:name}). And no resource source reads a request
     * parameter around its signature ({@code UriInfo.getQueryParameters}, {@code HttpHeaders.getHeaderString},
     * Vert.x's request, ...), except the files of {@code freeFormOperations} (file name to operationId), whose
     * operation must declare a free-form object query parameter instead.
     *
     * @param restPackage        the package of the service's resources, for example org.bdisuite.exporter.rest
     * @param freeFormOperations resource source files allowed to read all query parameters, with their operation
     */
    public static void assertEveryReadParameterDeclared(String restPackage, Map<String, String> freeFormOperations)
            throws IOException {
        assertEveryReadParameterDeclared(List.of(restPackage), freeFormOperations);
    }

    /** As above, for a service whose resources live in several rest packages (one per feature). */
    public static void assertEveryReadParameterDeclared(
            List<String> restPackages, Map<String, String> freeFormOperations) throws IOException {
        JsonNode document =
                new ObjectMapper().readTree(GENERATED.resolve("openapi.json").toFile());
        Map<String, Set<String>> contract = contractParameters(document);
        Map<String, Set<String>> declared = new java.util.HashMap<>();
        for (String restPackage : restPackages) {
            declared.putAll(declaredParameters(restPackage));
        }
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Set<String>> operation : declared.entrySet()) {
            Set<String> inContract = contract.get(operation.getKey());
            if (inContract == null) {
                problems.add(operation.getKey() + ": not in the contract");
            } else if (!inContract.equals(operation.getValue())) {
                problems.add(
                        operation.getKey() + ": the resource reads " + new java.util.TreeSet<>(operation.getValue())
                                + ", the contract declares " + new java.util.TreeSet<>(inContract));
            }
        }
        for (String id : contract.keySet()) {
            if (!declared.containsKey(id)) {
                problems.add(id + ": in the contract, but no resource method has this operationId");
            }
        }
        for (String restPackage : restPackages) {
            problems.addAll(undeclaredReads(restPackage, freeFormOperations, document));
        }
        if (!problems.isEmpty()) {
            throw new AssertionError("Parameters the contract does not match (declare each with @QueryParam /"
                    + " @PathParam / @HeaderParam and run " + UPDATE_COMMAND + "):\n  "
                    + String.join("\n  ", problems));
        }
    }

    /** What a resource source must not call to read a request parameter outside its declared signature. */
    private static final List<String> UNDECLARED_READS = List.of(
            "getQueryParameters",
            "getPathParameters",
            "getHeaderString",
            "getRequestHeader",
            "getCookies",
            "HttpServerRequest",
            "RoutingContext",
            "ContainerRequestContext");

    private static List<String> undeclaredReads(
            String restPackage, Map<String, String> freeFormOperations, JsonNode document) throws IOException {
        List<String> problems = new ArrayList<>();
        Path sources = Path.of("src", "main", "java").resolve(restPackage.replace('.', '/'));
        List<Path> files;
        try (var walk = Files.walk(sources)) {
            files = walk.filter(f -> f.toString().endsWith(".java")).toList();
        }
        for (Path file : files) {
            String text = Files.readString(file);
            String name = file.getFileName().toString();
            for (String call : UNDECLARED_READS) {
                if (text.contains(call)
                        && !(call.equals("getQueryParameters") && freeFormOperations.containsKey(name))) {
                    problems.add(name + " reads a request parameter through " + call + " instead of its signature");
                }
            }
        }
        for (Map.Entry<String, String> freeForm : freeFormOperations.entrySet()) {
            if (!hasFreeFormQueryParameter(document, freeForm.getValue())) {
                problems.add(freeForm.getKey() + " reads all query parameters, but " + freeForm.getValue()
                        + " declares no free-form (object, form, explode) query parameter");
            }
        }
        return problems;
    }

    private static boolean hasFreeFormQueryParameter(JsonNode document, String operationId) {
        for (JsonNode operation : operations(document).values()) {
            if (operation.path("operationId").asText().equals(operationId)) {
                for (JsonNode parameter : operation.path("parameters")) {
                    if (parameter.path("in").asText().equals("query")
                            && parameter.path("schema").path("type").asText().equals("object")
                            && parameter.path("style").asText("form").equals("form")
                            && parameter.path("explode").asBoolean(true)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static Map<String, JsonNode> operations(JsonNode document) {
        Map<String, JsonNode> operations = new java.util.LinkedHashMap<>();
        document.path("paths")
                .fields()
                .forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
                    if (op.getValue().has("operationId")) {
                        operations.put(op.getKey() + " " + path.getKey(), op.getValue());
                    }
                }));
        return operations;
    }

    private static Map<String, Set<String>> contractParameters(JsonNode document) {
        Map<String, Set<String>> parameters = new java.util.HashMap<>();
        document.path("paths")
                .fields()
                .forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
                    if (!op.getValue().has("operationId")) {
                        return;
                    }
                    Set<String> names = new HashSet<>();
                    for (JsonNode parameter : path.getValue().path("parameters")) {
                        names.add(parameter.path("in").asText() + ":"
                                + parameter.path("name").asText());
                    }
                    for (JsonNode parameter : op.getValue().path("parameters")) {
                        names.add(parameter.path("in").asText() + ":"
                                + parameter.path("name").asText());
                    }
                    parameters.put(op.getValue().path("operationId").asText(), names);
                }));
        return parameters;
    }

    /** operationId to the parameters its resource method declares, read by reflection from target/classes. */
    private static Map<String, Set<String>> declaredParameters(String restPackage) throws IOException {
        Path classes = Path.of("target", "classes").resolve(restPackage.replace('.', '/'));
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Map<String, Set<String>> declared = new java.util.HashMap<>();
        List<Path> files;
        try (var walk = Files.walk(classes)) {
            files = walk.filter(f -> f.toString().endsWith(".class")).toList();
        }
        for (Path file : files) {
            String relative = classes.relativize(file).toString().replace('/', '.');
            String className = restPackage + "." + relative.substring(0, relative.length() - ".class".length());
            Class<?> type;
            try {
                type = Class.forName(className, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                throw new AssertionError("Cannot load " + className, e);
            }
            for (java.lang.reflect.Method method : type.getDeclaredMethods()) {
                java.lang.annotation.Annotation operation = annotation(method.getAnnotations(), OPERATION);
                if (operation == null || (boolean) value(operation, "hidden")) {
                    continue;
                }
                Set<String> names = new HashSet<>();
                for (java.lang.annotation.Annotation parameter : method.getAnnotations()) {
                    addDocumented(parameter, names);
                }
                java.lang.annotation.Annotation[][] annotations = method.getParameterAnnotations();
                for (int i = 0; i < annotations.length; i++) {
                    addJaxRs(annotations[i], method.getParameterTypes()[i], names);
                }
                declared.put((String) value(operation, "operationId"), names);
            }
        }
        return declared;
    }

    private static final String OPERATION = "org.eclipse.microprofile.openapi.annotations.Operation";
    private static final Map<String, String> JAX_RS_PARAMETERS = Map.of(
            "jakarta.ws.rs.QueryParam", "query",
            "jakarta.ws.rs.PathParam", "path",
            "jakarta.ws.rs.HeaderParam", "header",
            "jakarta.ws.rs.CookieParam", "cookie");

    private static void addJaxRs(java.lang.annotation.Annotation[] annotations, Class<?> type, Set<String> names) {
        for (java.lang.annotation.Annotation annotation : annotations) {
            String name = annotation.annotationType().getName();
            if (JAX_RS_PARAMETERS.containsKey(name)) {
                names.add(JAX_RS_PARAMETERS.get(name) + ":" + value(annotation, "value"));
            } else if (name.equals("jakarta.ws.rs.BeanParam")) {
                for (Class<?> bean = type; bean != null && bean != Object.class; bean = bean.getSuperclass()) {
                    for (java.lang.reflect.Field field : bean.getDeclaredFields()) {
                        addJaxRs(field.getAnnotations(), field.getType(), names);
                    }
                }
            }
        }
    }

    /** A method-level {@code @Parameter(name, in)} (one, or several in {@code @Parameters}) adds a parameter. */
    private static void addDocumented(java.lang.annotation.Annotation annotation, Set<String> names) {
        String type = annotation.annotationType().getName();
        if (type.equals("org.eclipse.microprofile.openapi.annotations.parameters.Parameters")) {
            for (java.lang.annotation.Annotation one : (java.lang.annotation.Annotation[]) value(annotation, "value")) {
                addDocumented(one, names);
            }
        } else if (type.equals("org.eclipse.microprofile.openapi.annotations.parameters.Parameter")
                && !(boolean) value(annotation, "hidden")) {
            String in = value(annotation, "in").toString().toLowerCase(java.util.Locale.ROOT);
            if (!in.equals("default")) {
                names.add(in + ":" + value(annotation, "name"));
            }
        }
    }

    private static java.lang.annotation.Annotation annotation(
            java.lang.annotation.Annotation[] annotations, String type) {
        for (java.lang.annotation.Annotation annotation : annotations) {
            if (annotation.annotationType().getName().equals(type)) {
                return annotation;
            }
        }
        return null;
    }

    private static Object value(java.lang.annotation.Annotation annotation, String element) {
        try {
            return annotation.annotationType().getMethod(element).invoke(annotation);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(annotation + " has no " + element, e);
        }
    }
}
