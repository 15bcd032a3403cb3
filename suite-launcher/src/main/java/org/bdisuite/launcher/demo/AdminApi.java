package org.bdisuite.launcher.demo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;

/** A service's API as the demo's administrator calls it: JSON in, the body out, any unexpected status a failure. */
record AdminApi(URI base, String user, String password) {

    /** The answer's status and body. */
    record Answer(int status, String body) {}

    String call(String method, String path, String body, Set<Integer> expected) throws Exception {
        Answer answer = send(method, path, body);
        if (!expected.contains(answer.status())) {
            throw new IllegalStateException(
                    method + " " + path + " answered " + answer.status() + ": " + answer.body());
        }
        return answer.body();
    }

    Answer send(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofMinutes(2))
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    /** A string as the inside of a JSON string literal. */
    static String json(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    @Override
    public String toString() {
        return "AdminApi[" + base + " as " + user + "]";
    }
}
