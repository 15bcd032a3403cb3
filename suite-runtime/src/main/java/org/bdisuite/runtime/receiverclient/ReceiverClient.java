package org.bdisuite.runtime.receiverclient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Optional;
import org.bdisuite.model.DataSetType;
import org.bdisuite.model.api.receiver.BlockVo;
import org.bdisuite.model.api.receiver.TransactionStateVo;
import org.bdisuite.model.api.receiver.TransactionVo;
import org.bdisuite.model.api.receiver.TransmissionBlocksVo;
import org.bdisuite.model.api.receiver.TransmissionVo;
import org.bdisuite.receiverclient.ApiClient;
import org.bdisuite.receiverclient.ApiException;
import org.bdisuite.receiverclient.api.ReceiverServiceApi;
import org.bdisuite.runtime.tracing.TraceParents;

/**
 * A sender's side of the BDI Receiver Service protocol (the BDI guide, "Receiver Service"): begin a transaction, begin a
 * transmission per partition, upload its blocks, end the transmission, end the transaction; and the receiver's
 * resume views, so that a sender restarted after a crash sends only the blocks the receiver does not hold.
 * <p>
 * Every request goes through {@link ReceiverServiceApi}, the client generated (module receiver-client) from the stored
 * contract {@code docs/openapi/receiver-service.yaml}; this facade adds what a contract does not say: retries, the
 * block digest, "not found" as empty for the resume views, and the suite's records and exception. Every call is
 * idempotent on the receiver, so a call that fails on the connection or with 502 / 503 / 504 is tried again up to
 * {@link ReceiverEndpoint#maxAttempts()}.
 * <p>
 * The generated client sends a {@code text/csv} body as a string, so a block is held in memory while it is sent
 * (bounded by the sender's item count or block size, never a whole data set). Thread-safe.
 * <p>
 * Each call is a client span (named {@code receiver <operation>}) in the caller's current trace, and every request
 * carries it as the W3C {@code traceparent} header, so the receiver's spans join the sender's trace
 * (docs/ARCHITECTURE.md, "Tracing").
 */
public class ReceiverClient {

    private final ReceiverEndpoint endpoint;
    private final ObjectMapper json;
    private final ReceiverServiceApi api;
    private final Tracer tracer;

    /** A client whose calls make no spans of their own (the caller's trace, if any, is still propagated). */
    public ReceiverClient(ReceiverEndpoint endpoint, ObjectMapper json) {
        this(endpoint, json, OpenTelemetry.noop());
    }

    /**
     * @param json          turns the generated client's answers into the suite's receiver records (any mapper that
     *                      knows java.time, such as the service's own)
     * @param openTelemetry the service's OpenTelemetry (its CDI bean): makes the client span of each call
     */
    public ReceiverClient(ReceiverEndpoint endpoint, ObjectMapper json, OpenTelemetry openTelemetry) {
        this.endpoint = endpoint;
        this.json = json;
        this.tracer = openTelemetry.getTracer("org.bdisuite.receiver-client");
        String authorization = "Basic "
                + Base64.getEncoder()
                        .encodeToString((endpoint.user() + ":" + endpoint.password()).getBytes(StandardCharsets.UTF_8));
        String root = endpoint.baseUri().toString();
        HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(endpoint.timeout());
        endpoint.trust().ifPresent(pinned -> http.sslContext(pinned.sslContext()));
        ApiClient client =
                new ApiClient(http, ApiClient.createDefaultObjectMapper(), root.substring(0, root.length() - 1));
        client.setReadTimeout(endpoint.timeout());
        client.setRequestInterceptor(request -> {
            request.header("Authorization", authorization);
            // The interceptor runs on the calling thread, inside the call's client span.
            TraceParents.headers(Context.current())
                    .forEach(header -> request.header(header.getKey(), header.getValue()));
        });
        this.api = new ReceiverServiceApi(client);
    }

    /** The parameters of beginTransaction, as the spec names them. */
    public record Transaction(
            String transactionId,
            String interfaceModule,
            String sourceSystemName,
            String sourceSystemId,
            long sourceDataSetId,
            DataSetType dataSetType,
            OffsetDateTime sourceSystemDataSetReadyTime) {}

    /** The parameters of beginTransmission, as the spec names them. */
    public record Transmission(
            String transactionId,
            String transmissionId,
            String sourceSystemName,
            String interfaceModule,
            String interfaceShortName,
            String partitionName,
            long partitionBeginSeqNum,
            long partitionEndSeqNum,
            int beginBlockNumber) {}

    public String ping() {
        return call("ping", api::ping);
    }

    public TransactionVo beginTransaction(Transaction t) {
        var request = ReceiverServiceApi.APIBeginTransactionRequest.newBuilder()
                .transactionId(t.transactionId())
                .interfaceModule(t.interfaceModule())
                .sourceSystemName(t.sourceSystemName())
                .sourceSystemId(t.sourceSystemId())
                .sourceDataSetId(t.sourceDataSetId())
                .dataSetType(org.bdisuite.receiverclient.model.DataSetType.fromValue(
                        t.dataSetType().name()))
                .sourceSystemDataSetReadyTime(
                        t.sourceSystemDataSetReadyTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                .build();
        return as(call("beginTransaction", () -> api.beginTransaction(request)), TransactionVo.class);
    }

    public TransmissionVo beginTransmission(Transmission t) {
        var request = ReceiverServiceApi.APIBeginTransmissionRequest.newBuilder()
                .transactionId(t.transactionId())
                .transmissionId(t.transmissionId())
                .sourceSystemName(t.sourceSystemName())
                .interfaceModule(t.interfaceModule())
                .interfaceShortName(t.interfaceShortName())
                .partitionName(t.partitionName())
                .partitionBeginSeqNum(t.partitionBeginSeqNum())
                .partitionEndSeqNum(t.partitionEndSeqNum())
                .beginBlockNumber(t.beginBlockNumber())
                .build();
        return as(call("beginTransmission", () -> api.beginTransmission(request)), TransmissionVo.class);
    }

    /** Uploads a block whose bytes are in a file (UTF-8 text, as CSV is). */
    public BlockVo uploadBlock(Transmission t, int blockNumber, int itemCount, Path file) {
        try {
            return uploadBlock(t, blockNumber, itemCount, Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Uploads a block (UTF-8 text) with its sha-256 as {@code Content-Digest}, so that the receiver rejects (422) a
     * body damaged on the way. Sending the same block again returns the stored block; a block of that number with
     * other bytes is a 409.
     */
    public BlockVo uploadBlock(Transmission t, int blockNumber, int itemCount, byte[] bytes) {
        String csv;
        try {
            csv = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(
                    "Block " + blockNumber + " of transmission " + t.transmissionId() + " is not UTF-8 text", e);
        }
        var request = ReceiverServiceApi.APIUploadDataBlockRequest.newBuilder()
                .transactionId(t.transactionId())
                .transmissionId(t.transmissionId())
                .sourceSystemName(t.sourceSystemName())
                .interfaceModule(t.interfaceModule())
                .interfaceShortName(t.interfaceShortName())
                .blockNumber(blockNumber)
                .itemCountInBlock(itemCount)
                .contentDigest("sha-256=:" + Base64.getEncoder().encodeToString(sha256(bytes)) + ":")
                .body(csv)
                .build();
        return as(call("uploadDataBlock", () -> api.uploadDataBlock(request)), BlockVo.class);
    }

    /** Uploads a block given as text (sent as UTF-8). */
    public BlockVo uploadBlock(Transmission t, int blockNumber, int itemCount, String csv) {
        return uploadBlock(t, blockNumber, itemCount, csv.getBytes(StandardCharsets.UTF_8));
    }

    public TransmissionVo endTransmission(Transmission t, int numBlocks) {
        var request = ReceiverServiceApi.APIEndTransmissionRequest.newBuilder()
                .transmissionId(t.transmissionId())
                .sourceSystemName(t.sourceSystemName())
                .interfaceModule(t.interfaceModule())
                .interfaceShortName(t.interfaceShortName())
                .numBlocks(numBlocks)
                .build();
        return as(call("endTransmission", () -> api.endTransmission(request)), TransmissionVo.class);
    }

    public TransactionVo endTransaction(String transactionId, String sourceSystemName, String interfaceModule) {
        var request = ReceiverServiceApi.APIEndTransactionRequest.newBuilder()
                .transactionId(transactionId)
                .sourceSystemName(sourceSystemName)
                .interfaceModule(interfaceModule)
                .build();
        return as(call("endTransaction", () -> api.endTransaction(request)), TransactionVo.class);
    }

    /** What the receiver holds of a transaction, or empty when it has never seen it. */
    public Optional<TransactionStateVo> transaction(String transactionId) {
        var request = ReceiverServiceApi.APIGetTransactionStateRequest.newBuilder()
                .transactionId(transactionId)
                .build();
        return unlessMissing("transaction", () -> api.getTransactionState(request), TransactionStateVo.class);
    }

    /** The blocks the receiver holds of a transmission, or empty when the transmission was never begun. */
    public Optional<TransmissionBlocksVo> blocks(Transmission t) {
        var request = ReceiverServiceApi.APIListTransmissionBlocksRequest.newBuilder()
                .transmissionId(t.transmissionId())
                .sourceSystemName(t.sourceSystemName())
                .interfaceModule(t.interfaceModule())
                .interfaceShortName(t.interfaceShortName())
                .build();
        return unlessMissing("blocks", () -> api.listTransmissionBlocks(request), TransmissionBlocksVo.class);
    }

    /** One request of the generated client. */
    @FunctionalInterface
    private interface Request<T> {
        T send() throws ApiException;
    }

    private <T> Optional<T> unlessMissing(String call, Request<?> request, Class<T> type) {
        try {
            return Optional.of(as(call(call, request), type));
        } catch (ReceiverCallException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** One call (with its retries) as one client span, current while the requests are sent. */
    private <T> T call(String call, Request<T> request) {
        Span span = tracer.spanBuilder("receiver " + call)
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute(
                        "server.address", String.valueOf(endpoint.baseUri().getHost()))
                .startSpan();
        try (Scope ignored = span.makeCurrent()) {
            return attempts(call, request);
        } catch (ReceiverCallException e) {
            if (e.status() != 404) {
                span.setStatus(StatusCode.ERROR, e.getMessage());
            }
            throw e;
        } catch (RuntimeException e) {
            span.setStatus(StatusCode.ERROR, e.getMessage());
            throw e;
        } finally {
            span.end();
        }
    }

    private <T> T attempts(String call, Request<T> request) {
        for (int attempt = 1; ; attempt++) {
            try {
                return request.send();
            } catch (ApiException e) {
                if (e.getCause() instanceof InterruptedException) {
                    throw new ReceiverCallException(call, 0, null, "interrupted", e.getCause());
                }
                boolean noAnswer = e.getCode() == 0 && e.getCause() instanceof IOException;
                if ((noAnswer || isTransient(e.getCode())) && attempt < endpoint.maxAttempts()) {
                    pause(attempt);
                    continue;
                }
                if (noAnswer) {
                    throw new ReceiverCallException(
                            call,
                            0,
                            null,
                            "no answer from " + endpoint.baseUri() + " after " + attempt + " attempts: " + e.getCause(),
                            e.getCause());
                }
                throw failure(call, e);
            }
        }
    }

    private ReceiverCallException failure(String call, ApiException e) {
        JsonNode error = readError(e.getResponseBody());
        return new ReceiverCallException(
                call,
                e.getCode(),
                error.path("code").isTextual() ? error.path("code").asText() : null,
                error.path("message").asText("no error message"),
                null);
    }

    private JsonNode readError(String body) {
        try {
            return body == null ? json.createObjectNode() : json.readTree(body);
        } catch (IOException notJson) {
            return json.createObjectNode();
        }
    }

    /** The generated client's model of an answer as the suite's record of it (the same JSON either way). */
    private <T> T as(Object answer, Class<T> type) {
        return json.convertValue(answer, type);
    }

    private static boolean isTransient(int status) {
        return status == 502 || status == 503 || status == 504;
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(200L * attempt * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
