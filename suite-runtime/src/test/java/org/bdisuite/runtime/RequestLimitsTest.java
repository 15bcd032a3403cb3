package org.bdisuite.runtime;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import javax.sql.DataSource;
import org.bdisuite.model.Roles;
import org.bdisuite.test.EmbeddedPostgresResource;
import org.bdisuite.test.RawHttpClient;
import org.bdisuite.test.TestUsers;
import org.bdisuite.test.TestUsers.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The request limits every service shares, on probe endpoints: a streamed body whose client stops reading is cut
 * off after the write idle timeout (1 s here), and its writer learns it; a body read whole is limited to
 * suite.http.max-json-body-size (256 KB), a streamed one is not; above the HTTP layer's backstop (1 MB) a declared
 * length is refused unread, with the error body.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@TestProfile(RequestLimitsTest.ShortIdleTimeout.class)
class RequestLimitsTest {

    public static class ShortIdleTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("suite.http.stream-write-idle-timeout", "PT1S");
        }
    }

    private static final Duration WITHIN = Duration.ofSeconds(60);

    @Inject
    DataSource dataSource;

    @TestHTTPResource("/")
    URL base;

    private TestUser user;

    @BeforeEach
    void user() {
        user = TestUsers.create(dataSource, "limits-monitor", Roles.MONITOR);
    }

    private RequestSpecification as(TestUser who) {
        return given().auth().preemptive().basic(who.username(), who.password());
    }

    @Test
    void aStreamWhoseClientStopsReadingIsCutOffAndItsWriterFails() throws Exception {
        try (RawHttpClient client = RawHttpClient.get(base, "/probe/endless-stream", user)) {
            assertThat(client.status()).isEqualTo(200);
            Instant deadline = Instant.now().plus(WITHIN);
            while (ProbeResource.ENDLESS_STREAM_END.get() == null) {
                assertThat(Instant.now())
                        .as("the endless stream's write failed")
                        .isBefore(deadline);
                Thread.sleep(50);
            }
            assertThat(ProbeResource.ENDLESS_STREAM_END.get()).isInstanceOf(java.io.IOException.class);
            // The server closed the connection: what it had queued ends without a last chunk.
            String received = new String(client.readToEnd(), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertThat(received).doesNotEndWith("\r\n0\r\n\r\n");
        }
    }

    @Test
    void aBodyReadWholeIsLimitedAndAStreamedOneIsNot() {
        String justUnder = "x".repeat(256 * 1024);
        as(user).contentType("text/plain")
                .body(justUnder)
                .post("/probe/text")
                .then()
                .statusCode(200)
                .body(equalTo(Integer.toString(justUnder.length())));
        as(user).contentType("text/plain")
                .body(justUnder + "x")
                .post("/probe/text")
                .then()
                .statusCode(413)
                .body("statusCode", equalTo(413))
                .body("code", equalTo("body-too-large"))
                .body("message", containsString("suite.http.max-json-body-size"));

        byte[] streamed = new byte[900 * 1024];
        as(user).contentType("application/octet-stream")
                .body(streamed)
                .post("/probe/upload")
                .then()
                .statusCode(200)
                .body(equalTo(Integer.toString(streamed.length)));
    }

    @Test
    void aChunkedBodyOverTheLimitIsCountedAndRefused() throws Exception {
        byte[] piece = "y".repeat(16 * 1024).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try (RawHttpClient client =
                RawHttpClient.postChunked(base, "/probe/text", user, "text/plain", piece, 300 * 1024)) {
            assertThat(client.status()).isEqualTo(413);
            assertThat(client.body()).contains("\"code\":\"body-too-large\"");
        }
    }

    @Test
    void aDeclaredLengthAboveTheBackstopIsRefusedUnreadWithTheErrorBody() {
        byte[] tooLarge = new byte[1024 * 1024 + 1];
        as(user).contentType("application/octet-stream")
                .body(tooLarge)
                .post("/probe/upload")
                .then()
                .statusCode(413)
                .body("statusCode", equalTo(413))
                .body("status", equalTo("REQUEST_ENTITY_TOO_LARGE"));
    }
}
