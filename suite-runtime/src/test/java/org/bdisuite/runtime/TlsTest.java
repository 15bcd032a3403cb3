package org.bdisuite.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.bdisuite.test.EmbeddedPostgresResource;
import org.bdisuite.test.SelfSignedCertificate;
import org.junit.jupiter.api.Test;

/** With a certificate and key configured, a service serves HTTPS with that certificate, and auth works over it. */
@QuarkusTest
@TestProfile(TlsTest.WithCertificate.class)
@WithTestResource(EmbeddedPostgresResource.class)
class TlsTest {

    static final SelfSignedCertificate CERTIFICATE = SelfSignedCertificate.create();

    public static class WithCertificate implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.http.ssl.certificate.files",
                            CERTIFICATE.certificatePem().toString(),
                    "quarkus.http.ssl.certificate.key-files",
                            CERTIFICATE.privateKeyPem().toString());
        }
    }

    @TestHTTPResource(value = "/", tls = true)
    URL https;

    @Test
    void servesHttpsWithTheConfiguredCertificate() throws Exception {
        assertThat(https.getProtocol()).isEqualTo("https");
        HttpClient trusting = client(CERTIFICATE);

        HttpResponse<String> health = trusting.send(get("q/health/ready", null), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);

        String basic =
                Base64.getEncoder().encodeToString("root-admin:bootstrap-password-1".getBytes(StandardCharsets.UTF_8));
        assertThat(trusting.send(get("probe/me", "Basic " + basic), HttpResponse.BodyHandlers.ofString())
                        .body())
                .contains("\"name\":\"root-admin\"");
        assertThat(trusting.send(get("probe/me", null), HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateIsRefused() {
        HttpClient defaultTrust = HttpClient.newHttpClient();
        assertThatThrownBy(() -> defaultTrust.send(get("q/health/ready", null), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(SSLHandshakeException.class);
    }

    private HttpRequest get(String path, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(https.toString()).resolve(path))
                .GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request.build();
    }

    private static HttpClient client(SelfSignedCertificate certificate) throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(certificate.trustStore());
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, trust.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ssl).build();
    }
}
