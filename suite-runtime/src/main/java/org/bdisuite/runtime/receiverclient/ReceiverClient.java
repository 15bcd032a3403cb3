package org.bdisuite.runtime.receiverclient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.bdisuite.model.DataSetType;
import org.bdisuite.model.api.receiver.BlockVo;
import org.bdisuite.model.api.receiver.TransactionStateVo;
import org.bdisuite.model.api.receiver.TransactionVo;
import org.bdisuite.model.api.receiver.TransmissionBlocksVo;
import org.bdisuite.model.api.receiver.TransmissionVo;

/**
 * A sender's side of the BDI Receiver Service protocol (spec 003, "Receiver Service"): begin a transaction, begin a
 * transmission per partition, upload its blocks, end the transmission, end the transaction; and the receiver's
 * resume views, so that a sender restarted after a crash sends only the blocks the receiver does not hold.
 * <p>
 * Every call is idempotent on the receiver, so a call that fails on the connection or with 502 / 503 / 504 is tried
 * again up to {@link ReceiverEndpoint#maxAttempts()}. Block bodies are streamed from their source with a
 * {@code Content-Digest} so that the receiver verifies them; nothing is buffered here. Thread-safe.
 */
public class ReceiverClient {

    private static final String JSON = "application/json";

    private final ReceiverEndpoint endpoint;
    private final ObjectMapper json;
    private final HttpClient http;
    private final String authorization;

    public ReceiverClient(ReceiverEndpoint endpoint, ObjectMapper json) {
        this.endpoint = endpoint;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(endpoint.timeout()).build();
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (endpoint.user() + ":" + endpoint.password()).getBytes(StandardCharsets.UTF_8));
    }

    /** The parameters of beginTransaction, as the spec names them. */
    public record Transaction(String transactionId, String interfaceModule, String sourceSystemName,
                              String sourceSystemId, long sourceDataSetId, DataSetType dataSetType,
                              OffsetDateTime sourceSystemDataSetReadyTime) {
    }

    /** The parameters of beginTransmission, as the spec names them. */
    public record Transmission(String transactionId, String transmissionId, String sourceSystemName,
                               String interfaceModule, String interfaceShortName, String partitionName,
                               long partitionBeginSeqNum, long partitionEndSeqNum, int beginBlockNumber) {
    }

    public String ping() {
        return call("ping", get("receiver/ping"), String.class);
    }

    public TransactionVo beginTransaction(Transaction t) {
        return call("beginTransaction", post(path("receiver/beginTransaction", t.transactionId(), t.interfaceModule(),
                t.sourceSystemName(), t.sourceSystemId(), String.valueOf(t.sourceDataSetId()), t.dataSetType().name(),
                t.sourceSystemDataSetReadyTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))), TransactionVo.class);
    }

    public TransmissionVo beginTransmission(Transmission t) {
        return call("beginTransmission", post(path("receiver/beginTransmission", t.transactionId(), t.transmissionId(),
                t.sourceSystemName(), t.interfaceModule(), t.interfaceShortName(), t.partitionName(),
                String.valueOf(t.partitionBeginSeqNum()), String.valueOf(t.partitionEndSeqNum()),
                String.valueOf(t.beginBlockNumber()))), TransmissionVo.class);
    }

    /**
     * Uploads a block whose bytes are in a file (read twice: once for its sha-256, once to send). Sending the same
     * block again returns the stored block; a block of that number with other bytes is a 409.
     */
    public BlockVo uploadBlock(Transmission t, int blockNumber, int itemCount, Path file) {
        String sha256 = sha256Hex(file);
        return uploadBlock(t, blockNumber, itemCount, () -> {
            try {
                return HttpRequest.BodyPublishers.ofFile(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, sha256);
    }

    /** Uploads a block held in memory (a block is bounded by its item count, not a whole data set). */
    public BlockVo uploadBlock(Transmission t, int blockNumber, int itemCount, byte[] bytes) {
        return uploadBlock(t, blockNumber, itemCount, () -> HttpRequest.BodyPublishers.ofByteArray(bytes),
                sha256Hex(bytes));
    }

    /**
     * Uploads a block from a body that can be produced again for a retry, with its sha-256 (hex) so that the
     * receiver rejects (422) a body damaged on the way.
     */
    public BlockVo uploadBlock(Transmission t, int blockNumber, int itemCount, BodySource body, String sha256Hex) {
        URI uri = path("receiver/uploadDataBlock", t.transactionId(), t.transmissionId(), t.sourceSystemName(),
                t.interfaceModule(), t.interfaceShortName(), String.valueOf(blockNumber), String.valueOf(itemCount));
        String digest = "sha-256=:" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256Hex)) + ":";
        return call("uploadDataBlock", () -> request(uri).header("Content-Type", "text/csv")
                .header("Content-Digest", digest).POST(body.publisher()).build(), BlockVo.class);
    }

    public TransmissionVo endTransmission(Transmission t, int numBlocks) {
        return call("endTransmission", post(path("receiver/endTransmission", t.transmissionId(), t.sourceSystemName(),
                t.interfaceModule(), t.interfaceShortName(), String.valueOf(numBlocks))), TransmissionVo.class);
    }

    public TransactionVo endTransaction(String transactionId, String sourceSystemName, String interfaceModule) {
        return call("endTransaction", post(path("receiver/endTransaction", transactionId, sourceSystemName,
                interfaceModule)), TransactionVo.class);
    }

    /** What the receiver holds of a transaction, or empty when it has never seen it. */
    public Optional<TransactionStateVo> transaction(String transactionId) {
        return callUnlessMissing("transaction", get(path("receiver/transactions", transactionId)),
                TransactionStateVo.class);
    }

    /** The blocks the receiver holds of a transmission, or empty when the transmission was never begun. */
    public Optional<TransmissionBlocksVo> blocks(Transmission t) {
        URI uri = URI.create(path("receiver/transmissions", t.transmissionId(), "blocks")
                + "?sourceSystemName=" + PathSegment.encode(t.sourceSystemName())
                + "&interfaceModule=" + PathSegment.encode(t.interfaceModule())
                + "&interfaceShortName=" + PathSegment.encode(t.interfaceShortName()));
        return callUnlessMissing("blocks", get(uri), TransmissionBlocksVo.class);
    }

    /** A request body that can be produced again for each attempt. */
    @FunctionalInterface
    public interface BodySource {
        HttpRequest.BodyPublisher publisher();
    }

    @FunctionalInterface
    private interface RequestSource {
        HttpRequest build();
    }

    private RequestSource get(String relative) {
        return get(endpoint.baseUri().resolve(relative));
    }

    private RequestSource get(URI uri) {
        return () -> request(uri).header("Accept", JSON).GET().build();
    }

    private RequestSource post(URI uri) {
        return () -> request(uri).header("Accept", JSON).POST(HttpRequest.BodyPublishers.noBody()).build();
    }

    private HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(endpoint.timeout()).header("Authorization", authorization);
    }

    private URI path(String root, String... segments) {
        StringBuilder relative = new StringBuilder(root);
        for (String segment : segments) {
            relative.append('/').append(PathSegment.encode(segment));
        }
        return endpoint.baseUri().resolve(relative.toString());
    }

    private <T> Optional<T> callUnlessMissing(String call, RequestSource request, Class<T> type) {
        try {
            return Optional.of(call(call, request, type));
        } catch (ReceiverCallException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private <T> T call(String call, RequestSource request, Class<T> type) {
        for (int attempt = 1; ; attempt++) {
            HttpResponse<InputStream> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                if (attempt < endpoint.maxAttempts()) {
                    pause(attempt);
                    continue;
                }
                throw new ReceiverCallException(call, 0, null, "no answer from " + endpoint.baseUri() + " after "
                        + attempt + " attempts: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ReceiverCallException(call, 0, null, "interrupted", e);
            }
            int status = response.statusCode();
            if (isTransient(status) && attempt < endpoint.maxAttempts()) {
                discard(response);
                pause(attempt);
                continue;
            }
            return read(call, response, type);
        }
    }

    private <T> T read(String call, HttpResponse<InputStream> response, Class<T> type) {
        try (InputStream body = response.body()) {
            if (response.statusCode() / 100 == 2) {
                return type == String.class ? type.cast(new String(body.readAllBytes(), StandardCharsets.UTF_8))
                        : json.readValue(body, type);
            }
            JsonNode error = readError(body);
            throw new ReceiverCallException(call, response.statusCode(),
                    error.path("code").isTextual() ? error.path("code").asText() : null,
                    error.path("message").asText("no error message"), null);
        } catch (IOException e) {
            throw new ReceiverCallException(call, response.statusCode(), null, "unreadable answer: " + e, e);
        }
    }

    private JsonNode readError(InputStream body) {
        try {
            return json.readTree(body);
        } catch (IOException notJson) {
            return json.createObjectNode();
        }
    }

    private static boolean isTransient(int status) {
        return status == 502 || status == 503 || status == 504;
    }

    private static void discard(HttpResponse<InputStream> response) {
        try (InputStream body = response.body()) {
            body.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException ignored) {
            // The connection is dropped instead of reused; the retry opens another.
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(200L * attempt * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String sha256Hex(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = sha256();
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
