package org.bdisuite.it.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.parser.OpenAPIV3Parser;
import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.bdisuite.it.SuiteUnderTest;
import org.bdisuite.it.SuiteUnderTest.Credentials;

/**
 * What the SDK test needs around the generated clients: one client per service and user (HTTP basic through the
 * generated {@code ApiClient}'s request interceptor, as an SDK user would add it), the ledger of which operations
 * were called successfully and with which documented error, and the stored contracts those are checked against.
 * <p>
 * {@link #changingRequest} is the workaround for what the generator (library native) cannot do: it hands the
 * request of the next call on this thread to a function, which can replace its body by a streamed file (the generator
 * sends a {@code text/csv} body from a String and serialises a binary body as JSON) or add query parameters (the
 * generator prints a free-form object parameter as one {@code name={...}} pair).
 */
final class SdkCalls {

    static final String RECEIVER = "receiver-service";
    static final String BATCH = "batch-admin-service";
    static final String EXPORTER = "exporter-service";

    private static final ThreadLocal<Consumer<HttpRequest.Builder>> NEXT_REQUEST = new ThreadLocal<>();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, OpenAPI> CONTRACTS = new ConcurrentHashMap<>();

    /** operationId per service that answered 2xx; and that answered a documented 4xx with the error body. */
    private final Map<String, Set<String>> succeeded = new ConcurrentHashMap<>();

    private final Map<String, Set<String>> failedAsDocumented = new ConcurrentHashMap<>();

    private final SuiteUnderTest suite;

    SdkCalls(SuiteUnderTest suite) {
        this.suite = suite;
    }

    /** One call of a generated client. */
    @FunctionalInterface
    interface Call<T> {
        T send() throws Exception;
    }

    // ---------------------------------------------------------------- clients

    org.bdisuite.receiverclient.ApiClient receiver(Credentials user) {
        var client = new org.bdisuite.receiverclient.ApiClient(
                HttpClient.newBuilder(),
                org.bdisuite.receiverclient.ApiClient.createDefaultObjectMapper(),
                root(RECEIVER));
        client.setRequestInterceptor(interceptor(user));
        return client;
    }

    org.bdisuite.batchadminclient.ApiClient batch(Credentials user) {
        var client = new org.bdisuite.batchadminclient.ApiClient(
                HttpClient.newBuilder(),
                org.bdisuite.batchadminclient.ApiClient.createDefaultObjectMapper(),
                root(BATCH));
        client.setRequestInterceptor(interceptor(user));
        return client;
    }

    org.bdisuite.exporterclient.ApiClient exporter(Credentials user) {
        var client = new org.bdisuite.exporterclient.ApiClient(
                HttpClient.newBuilder(),
                org.bdisuite.exporterclient.ApiClient.createDefaultObjectMapper(),
                root(EXPORTER));
        client.setRequestInterceptor(interceptor(user));
        return client;
    }

    private String root(String service) {
        String uri = suite.uri(service).toString();
        return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    }

    private static Consumer<HttpRequest.Builder> interceptor(Credentials user) {
        return request -> {
            request.setHeader("Authorization", user.basic());
            Consumer<HttpRequest.Builder> change = NEXT_REQUEST.get();
            if (change != null) {
                change.accept(request);
            }
        };
    }

    /** Runs the call with its request handed to {@code change} first (see the class comment). */
    static <T> T changingRequest(Consumer<HttpRequest.Builder> change, Call<T> call) throws Exception {
        NEXT_REQUEST.set(change);
        try {
            return call.send();
        } finally {
            NEXT_REQUEST.remove();
        }
    }

    /** The request's body becomes the file, streamed from disk (never held in memory), with this content type. */
    static Consumer<HttpRequest.Builder> streamedBody(String method, Path file, String contentType) {
        return request -> {
            try {
                request.method(method, HttpRequest.BodyPublishers.ofFile(file));
            } catch (FileNotFoundException e) {
                throw new UncheckedIOException(e);
            }
            request.setHeader("Content-Type", contentType);
        };
    }

    /** Adds {@code name=value} query parameters (already URL-safe) to the request's URI. */
    static Consumer<HttpRequest.Builder> addedQuery(String query) {
        return request -> {
            URI uri = request.copy().build().uri();
            request.uri(URI.create(uri + (uri.getRawQuery() == null ? "?" : "&") + query));
        };
    }

    // ---------------------------------------------------------------- the ledger

    /** The call must succeed; records the operation as called successfully. */
    <T> T ok(String service, String operationId, Call<T> call) throws Exception {
        requireOperation(service, operationId);
        T answer = call.send();
        succeeded.computeIfAbsent(service, s -> ConcurrentHashMap.newKeySet()).add(operationId);
        return answer;
    }

    /**
     * The call must fail with {@code status}, a status the contract documents for the operation, and the suite's
     * error body (status, code and message); records the operation as failing as documented.
     */
    void fails(String service, String operationId, int status, Call<?> call) throws Exception {
        Operation operation = requireOperation(service, operationId);
        assertThat(operation.getResponses())
                .as("%s documents %d", operationId, status)
                .containsKey(Integer.toString(status));
        Exception failure = null;
        try {
            call.send();
        } catch (Exception e) {
            failure = e;
        }
        assertThat(failure).as("%s answered an error", operationId).isNotNull();
        int code = (int) failure.getClass().getMethod("getCode").invoke(failure);
        String body = (String) failure.getClass().getMethod("getResponseBody").invoke(failure);
        assertThat(code).as("%s: %s", operationId, body).isEqualTo(status);
        JsonNode error = JSON.readTree(body);
        assertThat(error.path("status").asText())
                .as("%s error body %s", operationId, body)
                .isNotBlank();
        assertThat(error.path("message").asText())
                .as("%s error body %s", operationId, body)
                .isNotBlank();
        failedAsDocumented
                .computeIfAbsent(service, s -> ConcurrentHashMap.newKeySet())
                .add(operationId);
    }

    private static Operation requireOperation(String service, String operationId) {
        Operation operation = operations(service).get(operationId);
        assertThat(operation).as("%s has an operation %s", service, operationId).isNotNull();
        return operation;
    }

    /** Every operation of every contract was called successfully and with a documented error. */
    void assertEveryOperationCovered() {
        for (String service : SuiteUnderTest.SERVICES) {
            Set<String> all = new TreeSet<>(operations(service).keySet());
            assertThat(new TreeSet<>(succeeded.getOrDefault(service, Set.of())))
                    .as("operations of %s called successfully through its generated client", service)
                    .isEqualTo(all);
            assertThat(new TreeSet<>(failedAsDocumented.getOrDefault(service, Set.of())))
                    .as("operations of %s called with a documented error through its generated client", service)
                    .isEqualTo(all);
        }
    }

    /** operationId to operation, of the stored contract docs/openapi/{service}.yaml. */
    static Map<String, Operation> operations(String service) {
        OpenAPI contract = CONTRACTS.computeIfAbsent(
                service,
                s -> new OpenAPIV3Parser()
                        .read(Path.of(System.getProperty("suite.root", ".."), "docs", "openapi", s + ".yaml")
                                .toString()));
        Map<String, Operation> operations = new TreeMap<>();
        contract.getPaths()
                .values()
                .forEach(path -> path.readOperations()
                        .forEach(operation -> operations.put(operation.getOperationId(), operation)));
        return operations;
    }
}
