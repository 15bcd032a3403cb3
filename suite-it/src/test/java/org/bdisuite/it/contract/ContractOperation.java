package org.bdisuite.it.contract;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One operation of a stored contract ({@code docs/openapi/<service>.yaml}), with what the matrix and the fuzz need:
 * its parameters, its request body's media types and schemas ($refs resolved), the statuses it declares and the
 * roles of its {@code x-roles} extension (empty when it has none).
 */
record ContractOperation(
        String service,
        String method,
        String path,
        String operationId,
        List<Parameter> parameters,
        Map<String, Schema<?>> bodies,
        Set<Integer> declared,
        List<String> roles,
        List<String> produces) {

    /** The Accept header to send: JSON where a success can be JSON, else what a success is (text/plain, CSV). */
    String accept() {
        return produces.isEmpty() || produces.contains("application/json") ? "application/json" : produces.get(0);
    }

    /** Health and other paths a contract may list that need no login. */
    boolean isHealth() {
        return path.startsWith("/q/health");
    }

    @Override
    public String toString() {
        return method + " " + path;
    }

    private static final Map<String, List<ContractOperation>> READ = new java.util.concurrent.ConcurrentHashMap<>();

    /** Every operation of the service's stored contract, in the contract's order (read once). */
    static List<ContractOperation> of(String service) {
        return READ.computeIfAbsent(service, ContractOperation::read);
    }

    private static List<ContractOperation> read(String service) {
        Path file = contractFile(service);
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        SwaggerParseResult parsed =
                new OpenAPIV3Parser().readLocation(file.toUri().toString(), null, options);
        OpenAPI api = parsed.getOpenAPI();
        if (api == null || api.getPaths() == null) {
            throw new IllegalStateException("Could not read " + file + ": " + parsed.getMessages());
        }
        List<ContractOperation> operations = new ArrayList<>();
        api.getPaths()
                .forEach((path, item) -> item.readOperationsMap()
                        .forEach((method, operation) -> operations.add(of(service, path, item, method, operation))));
        if (operations.isEmpty()) {
            throw new IllegalStateException(file + " has no operations");
        }
        return List.copyOf(operations);
    }

    private static ContractOperation of(
            String service, String path, PathItem item, PathItem.HttpMethod method, Operation operation) {
        List<Parameter> parameters = new ArrayList<>();
        if (item.getParameters() != null) {
            parameters.addAll(item.getParameters());
        }
        if (operation.getParameters() != null) {
            parameters.addAll(operation.getParameters());
        }
        Map<String, Schema<?>> bodies = new LinkedHashMap<>();
        if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
            for (Map.Entry<String, MediaType> body :
                    operation.getRequestBody().getContent().entrySet()) {
                bodies.put(body.getKey(), body.getValue().getSchema());
            }
        }
        Set<Integer> declared = new TreeSet<>();
        Set<String> produces = new java.util.LinkedHashSet<>();
        if (operation.getResponses() != null) {
            operation.getResponses().forEach((code, response) -> {
                if (code.matches("\\d{3}")) {
                    declared.add(Integer.parseInt(code));
                    if (code.startsWith("2") && response.getContent() != null) {
                        produces.addAll(response.getContent().keySet());
                    }
                }
            });
        }
        List<String> roles = new ArrayList<>();
        if (operation.getExtensions() != null && operation.getExtensions().get("x-roles") instanceof List<?> listed) {
            listed.forEach(role -> roles.add(String.valueOf(role)));
        }
        return new ContractOperation(
                service,
                method.name().toUpperCase(Locale.ROOT),
                path,
                operation.getOperationId(),
                List.copyOf(parameters),
                bodies,
                declared,
                List.copyOf(roles),
                List.copyOf(produces));
    }

    static Path contractFile(String service) {
        Path root = Path.of(System.getProperty("suite.root", ".."));
        Path file = root.resolve("docs/openapi")
                .resolve(service + ".yaml")
                .toAbsolutePath()
                .normalize();
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("No stored contract " + file);
        }
        return file;
    }
}
