package org.bdisuite.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP proxy in front of a receiver-service that lets a given number of uploadDataBlock requests through and
 * answers the ones after that with a 500, until {@link #heal()}: a transporter that fails midway through a data set,
 * with no fault hook in the job (the network between sender and receiver is what fails).
 */
final class FaultyReceiverProxy implements AutoCloseable {

    /** Headers the JDK client sets itself and refuses to be given. */
    private static final Set<String> HOP_BY_HOP =
            Set.of("host", "connection", "content-length", "expect", "upgrade", "transfer-encoding", "keep-alive");

    private final HttpServer server;
    private final URI receiver;
    private final HttpClient client = HttpClient.newHttpClient();
    private final AtomicInteger blocksLeft;

    FaultyReceiverProxy(URI receiver, int blocksToPass) throws IOException {
        this.receiver = receiver;
        this.blocksLeft = new AtomicInteger(blocksToPass);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** From now on every request goes through. */
    void heal() {
        blocksLeft.set(Integer.MAX_VALUE);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            if (path.startsWith("/receiver/uploadDataBlock/") && blocksLeft.getAndUpdate(n -> n > 0 ? n - 1 : 0) == 0) {
                answer(
                        exchange,
                        500,
                        "application/json",
                        "{\"status\":\"INTERNAL_SERVER_ERROR\",\"message\":\"proxy fault\"}"
                                .getBytes(StandardCharsets.UTF_8));
                return;
            }
            String query = exchange.getRequestURI().getRawQuery();
            HttpRequest.Builder forward = HttpRequest.newBuilder(
                            receiver.resolve(path + (query == null ? "" : "?" + query)))
                    .method(
                            exchange.getRequestMethod(),
                            HttpRequest.BodyPublishers.ofByteArray(
                                    exchange.getRequestBody().readAllBytes()));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase())) {
                    values.forEach(value -> forward.header(name, value));
                }
            });
            HttpResponse<byte[]> response = client.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
            answer(
                    exchange,
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(null),
                    response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void answer(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        if (contentType != null) {
            exchange.getResponseHeaders().put("Content-Type", List.of(contentType));
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
