package org.bdisuite.crash;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * Plain HTTP with basic auth for the trials. A request to a killed service fails with an IOException, which a
 * trial counts as "no answer" (the work is not acknowledged).
 */
final class Http {

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String authorization;

    Http(String user, String password) {
        this.authorization =
                "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    record Answer(int status, String body) {}

    Answer post(URI uri, byte[] body, String contentType) throws IOException, InterruptedException {
        HttpRequest request = request(uri)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return send(request);
    }

    Answer put(URI uri, byte[] json) throws IOException, InterruptedException {
        return send(request(uri)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(json))
                .build());
    }

    Answer post(URI uri) throws IOException, InterruptedException {
        return send(request(uri).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    Answer get(URI uri) throws IOException, InterruptedException {
        return send(request(uri).GET().build());
    }

    private HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).header("Authorization", authorization);
    }

    private Answer send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }
}
