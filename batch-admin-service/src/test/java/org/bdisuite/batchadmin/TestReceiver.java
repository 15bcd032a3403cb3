package org.bdisuite.batchadmin;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bdisuite.test.SelfSignedCertificate;

/**
 * A real HTTP(S) listener standing where a receiver would: it records every request that reaches it (method, path,
 * Authorization and traceparent headers) and answers each with a 500 error body, so a transporter sending to it fails after its
 * first call. Tests use it to see where a job's requests go, and with which credential.
 */
final class TestReceiver implements AutoCloseable {

    record Request(String method, String path, String authorization, String traceParent) {}

    private final HttpServer server;
    private final String scheme;
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private TestReceiver(HttpServer server, String scheme) {
        this.server = server;
        this.scheme = scheme;
        server.createContext("/", exchange -> {
            requests.add(new Request(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("traceparent")));
            byte[] body =
                    "{\"status\":\"INTERNAL_SERVER_ERROR\",\"code\":\"test-receiver\",\"message\":\"test receiver\"}"
                            .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(500, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    static TestReceiver http() {
        try {
            return new TestReceiver(
                    HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0), "http");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An HTTPS listener presenting this (self-signed) certificate. */
    static TestReceiver https(SelfSignedCertificate certificate) {
        try {
            HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(certificate.serverContext()));
            return new TestReceiver(server, "https");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI uri() {
        return URI.create(scheme + "://localhost:" + server.getAddress().getPort() + "/");
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
