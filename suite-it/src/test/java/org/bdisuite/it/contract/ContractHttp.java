package org.bdisuite.it.contract;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.bdisuite.it.SuiteUnderTest;

/**
 * Sends one request exactly as written: the path and query are used raw (already percent-encoded, or deliberately
 * not, such as {@code %2e%2e%2f}), the body as bytes, no redirects followed.
 */
final class ContractHttp {

    private static final int EXCERPT = 300;

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    /** A request: method, raw path with query, headers (no Authorization), body (null: none). */
    record Call(String method, String pathAndQuery, Map<String, String> headers, byte[] body) {

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder(method).append(' ').append(pathAndQuery);
            headers.forEach((name, value) ->
                    text.append("\n  ").append(name).append(": ").append(value));
            if (body != null) {
                text.append("\n  body (")
                        .append(body.length)
                        .append(" bytes): ")
                        .append(excerpt(body));
            }
            return text.toString();
        }
    }

    /** The answer: status, content type and body. */
    record Answer(int status, String contentType, byte[] body) {

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + excerpt(body);
        }
    }

    /** Sends as the given user; null sends no Authorization header. */
    Answer send(URI base, Call call, SuiteUnderTest.Credentials user) {
        return send(base, call, user == null ? null : user.basic());
    }

    Answer send(URI base, Call call, String authorization) {
        URI uri = URI.create(base.toString().replaceAll("/$", "") + call.pathAndQuery());
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60));
        call.headers().forEach(request::header);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        request.method(
                call.method(),
                call.body() == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(call.body()));
        try {
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new AssertionError("No answer to " + call + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", e);
        }
    }

    static String excerpt(byte[] bytes) {
        String text = new String(bytes, 0, Math.min(bytes.length, EXCERPT * 4), StandardCharsets.UTF_8);
        StringBuilder shown = new StringBuilder();
        text.codePoints().limit(EXCERPT).forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                shown.append(String.format("\\x%02x", c));
            } else {
                shown.appendCodePoint(c);
            }
        });
        return bytes.length > EXCERPT ? shown + "..." : shown.toString();
    }
}
