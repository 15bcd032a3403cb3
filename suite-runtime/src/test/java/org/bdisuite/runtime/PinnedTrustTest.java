package org.bdisuite.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bdisuite.runtime.receiverclient.PinnedTrust;
import org.bdisuite.runtime.receiverclient.ReceiverCallException;
import org.bdisuite.runtime.receiverclient.ReceiverClient;
import org.bdisuite.runtime.receiverclient.ReceiverEndpoint;
import org.bdisuite.test.SelfSignedCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A receiver behind a self-signed certificate: the client reaches it when the endpoint pins that certificate, and
 * never sends it a request (credentials included) when it trusts only the JVM's default store or another certificate.
 */
class PinnedTrustTest {

    private static final SelfSignedCertificate RECEIVER = SelfSignedCertificate.create();
    private static final SelfSignedCertificate OTHER = SelfSignedCertificate.create();

    private HttpsServer server;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private URI root;

    @BeforeEach
    void startReceiver() throws Exception {
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(RECEIVER.serverContext()));
        server.createContext("/receiver/ping", exchange -> {
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = "alive".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        root = URI.create("https://localhost:" + server.getAddress().getPort() + "/");
    }

    @AfterEach
    void stopReceiver() {
        server.stop(0);
    }

    @Test
    void theClientReachesAReceiverWhoseCertificateItPins() {
        ReceiverClient client = client(Optional.of(PinnedTrust.fromPem(RECEIVER.certificateText())));
        assertThat(client.ping()).isEqualTo("alive");
        assertThat(authorizations)
                .hasSize(1)
                .allSatisfy(header -> assertThat(header).startsWith("Basic "));
    }

    @Test
    void withoutThePinOrWithAnotherCertificateNoRequestReachesTheReceiver() {
        assertThatThrownBy(() -> client(Optional.empty()).ping())
                .isInstanceOf(ReceiverCallException.class)
                .hasMessageContaining("no answer");
        assertThatThrownBy(() -> client(Optional.of(PinnedTrust.fromPem(OTHER.certificateText())))
                        .ping())
                .isInstanceOf(ReceiverCallException.class);
        assertThat(authorizations).isEmpty();
    }

    @Test
    void pinnedTrustReadsCertificatesOnlyAndAppliesToHttpsOnly() {
        assertThat(PinnedTrust.fromPem(RECEIVER.certificateText() + OTHER.certificateText())
                        .certificates())
                .hasSize(2);
        assertThatThrownBy(() -> PinnedTrust.fromPem("not a certificate")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PinnedTrust.fromPem("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReceiverEndpoint(
                        URI.create("http://localhost/"),
                        "u",
                        "p",
                        Duration.ofSeconds(5),
                        1,
                        Optional.of(PinnedTrust.fromPem(RECEIVER.certificateText()))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private ReceiverClient client(Optional<PinnedTrust> trust) {
        return new ReceiverClient(
                new ReceiverEndpoint(root, "sender", "sender-password", Duration.ofSeconds(10), 1, trust),
                new ObjectMapper());
    }
}
