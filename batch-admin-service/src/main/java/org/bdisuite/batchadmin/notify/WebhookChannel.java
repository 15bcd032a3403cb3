package org.bdisuite.batchadmin.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.bdisuite.batchadmin.config.NotificationConfig;
import org.bdisuite.runtime.events.SuiteEvent;

/**
 * WEBHOOK: the event's JSON document ({@link EventDocument}) POSTed to a stored destination's URL, signed with the
 * rule's secret ({@link WebhookSignature}), signed in with the destination's credential (HTTP basic) and, for https,
 * trusting its pinned certificates. Redirects are not followed (a redirect could take the credential elsewhere);
 * any answer but 2xx is a failure the dispatcher retries.
 */
@ApplicationScoped
public class WebhookChannel {

    public static final String EVENT_HEADER = "X-BDI-Event";
    public static final String EVENT_ID_HEADER = "X-BDI-Event-Id";

    private final ObjectMapper json = new ObjectMapper();
    private final Duration timeout;

    /** For targets without pinned certificates (the JVM's default trust store); one with pins gets its own. */
    private final HttpClient defaultClient;

    public WebhookChannel(NotificationConfig config) {
        this.timeout = config.webhookTimeout();
        this.defaultClient = client().build();
    }

    private HttpClient.Builder client() {
        return HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER);
    }

    public void send(WebhookTarget target, String secret, String ruleName, SuiteEvent event)
            throws NotificationFailure {
        byte[] body = body(event, ruleName);
        HttpRequest request = HttpRequest.newBuilder(target.url())
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Authorization", basic(target))
                .header(EVENT_HEADER, event.kind().name())
                .header(EVENT_ID_HEADER, Long.toString(event.id()))
                .header(WebhookSignature.HEADER, WebhookSignature.of(secret, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpClient http = target.trust()
                .map(pinned -> client().sslContext(pinned.sslContext()).build())
                .orElse(defaultClient);
        int status;
        try {
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new NotificationFailure(
                    "The webhook " + target.url() + " could not be reached: " + MailChannel.rootMessage(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotificationFailure("Interrupted while calling the webhook " + target.url());
        }
        if (status < 200 || status > 299) {
            throw new NotificationFailure("The webhook " + target.url() + " answered HTTP " + status);
        }
    }

    private byte[] body(SuiteEvent event, String ruleName) {
        try {
            return json.writeValueAsBytes(EventDocument.of(event, ruleName));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The event " + event.id() + " cannot be written as JSON", e);
        }
    }

    private static String basic(WebhookTarget target) {
        return "Basic "
                + Base64.getEncoder()
                        .encodeToString((target.user() + ":" + target.password()).getBytes(StandardCharsets.UTF_8));
    }
}
