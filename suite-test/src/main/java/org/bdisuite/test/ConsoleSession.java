package org.bdisuite.test;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A browser's side of the console without a browser: signs in through the login form, keeps the session and CSRF
 * cookies, and sends form posts with the CSRF token of its cookie (or, to prove the refusal, without it). Redirects
 * are not followed, so a test sees each 302 / 303 and where it points.
 */
public final class ConsoleSession {

    /** One answer: status, body and the Location header (null when there is none). */
    public record Answer(int status, String body, String location) {}

    private final URI base;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient client;

    private ConsoleSession(URI base) {
        this.base = base;
        this.client = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** A session that is not signed in yet. */
    public static ConsoleSession anonymous(URI base) {
        return new ConsoleSession(base);
    }

    /** Signs in and fails unless the login form accepted the password. */
    public static ConsoleSession signIn(URI base, String username, String password) {
        ConsoleSession session = new ConsoleSession(base);
        Answer answer = session.login(username, password);
        if (answer.status() != 302
                || answer.location() == null
                || answer.location().contains("error")) {
            throw new IllegalStateException("Sign-in of " + username + " refused: " + answer);
        }
        return session;
    }

    /** Posts the login form as the page does (no CSRF token: Quarkus's form authentication takes none). */
    public Answer login(String username, String password) {
        return send(HttpRequest.newBuilder(base.resolve("/console/j_security_check"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("j_username", username, "j_password", password))))
                .build());
    }

    public Answer get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET().build());
    }

    /** Posts a form with the CSRF token of the cookie the pages set (GET a page first). */
    public Answer post(String path, Map<String, String> fields) {
        Map<String, String> withToken = new LinkedHashMap<>(fields);
        withToken.put("csrf-token", csrfToken());
        return postWithoutToken(path, withToken);
    }

    /** Posts a form as a forging page would: the browser's cookies, but no token in the form. */
    public Answer postWithoutToken(String path, Map<String, String> fields) {
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields)))
                .build());
    }

    public String csrfToken() {
        return cookies.getCookieStore().getCookies().stream()
                .filter(cookie -> cookie.getName().equals("csrf-token"))
                .map(HttpCookie::getValue)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No CSRF cookie yet: GET a console page first"));
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(
                    response.statusCode(),
                    response.body(),
                    response.headers().firstValue("Location").orElse(null));
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
