package org.bdisuite.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bdisuite.exporter.ExporterApi.as;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.bdisuite.test.EmbeddedPostgresResource;
import org.bdisuite.test.RawHttpClient;
import org.bdisuite.test.Sql;
import org.bdisuite.test.TestUsers.TestUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Clients that open the services stream and stop reading (raw sockets with a small receive buffer; each stream is
 * about 50 MB, far more than every buffer on the way). Small pools here: the default pool has 5 connections and the
 * streams' pool 3, so that more stalled clients than either pool are easy to have. They must not take the
 * connections authentication needs, they are cut off after the write idle timeout (2 s here) with their COPY
 * cancelled and their connection returned, and a user holds at most 2 streams at once (429 for a third, with
 * Retry-After and the error body) while another user still gets one.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@TestProfile(SlowReaderTest.SmallPools.class)
class SlowReaderTest {

    public static class SmallPools implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.datasource.jdbc.max-size", "5",
                    "quarkus.datasource.jdbc.acquisition-timeout", "PT3S",
                    "suite.exporter.streams.pool-size", "3",
                    "suite.exporter.streams.max-per-user", "2",
                    "suite.exporter.streams.retry-after", "PT7S",
                    "suite.http.stream-write-idle-timeout", "PT2S");
        }
    }

    private static final int SERVICES = 50_000;
    private static final String STREAM = "/exporter/services/export?export_content=true"
            + "&time_from=2041-01-01T00:00:00Z&time_to=2041-01-02T00:00:00Z";
    /** The end of a complete chunked response; a stream that was cut off does not end with it. */
    private static final String LAST_CHUNK = "\r\n0\r\n\r\n";

    private static final Duration WITHIN = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    DataSource dataSource;

    @TestHTTPResource("/")
    URL base;

    private final List<RawHttpClient> clients = new ArrayList<>();
    private static boolean seeded;

    /** 1 KB of content per service: each stream is about 50 MB. */
    @BeforeEach
    void seedOnce() throws Exception {
        if (!seeded) {
            Sql.execute(
                    dataSource,
                    "INSERT INTO exporter_service (type, customer_id, started_at, content)"
                            + " SELECT 'slow', 'cust-slow-' || n, timestamptz '2041-01-01T00:00:00Z' + n * interval '1 s',"
                            + " jsonb_build_object('n', n, 'text', repeat('y', 1000)) FROM generate_series(1, "
                            + SERVICES
                            + ") n");
            seeded = true;
        }
        awaitNoStreamInTheDatabase();
    }

    @AfterEach
    void closeClients() throws Exception {
        for (RawHttpClient client : clients) {
            client.close();
        }
        clients.clear();
        awaitNoStreamInTheDatabase();
    }

    @Test
    void clientsThatStopReadingNeitherBlockAuthenticationNorKeepTheirConnections() throws Exception {
        List<TestUser> users = List.of(
                ExporterApi.monitor(dataSource), ExporterApi.monitor(dataSource), ExporterApi.monitor(dataSource));
        List<RawHttpClient> streaming = new ArrayList<>();
        for (int i = 0; i < 6; i++) { // more than either pool
            RawHttpClient client = open(users.get(i / 2));
            if (client.status() == 200) {
                streaming.add(client);
            }
        }
        assertThat(streaming)
                .as("streams served while their clients read nothing")
                .isNotEmpty();

        // Every stream that was served is stalled on its client; authentication and the API still work.
        TestUser reader = ExporterApi.monitor(dataSource);
        long id = Long.parseLong(Sql.single(
                dataSource, "SELECT min(id) FROM exporter_service" + " WHERE customer_id LIKE 'cust-slow-%'"));
        as(reader).get("/exporter/services/" + id).then().statusCode(200).body("id", equalTo((int) id));

        // After the write idle timeout their COPYs are cancelled and the connections are back in the pool ...
        awaitNoStreamInTheDatabase();
        // ... and the clients were cut off: each response ends without its last chunk.
        for (RawHttpClient client : streaming) {
            String received = new String(client.readToEnd(), StandardCharsets.ISO_8859_1);
            assertThat(received).doesNotEndWith(LAST_CHUNK);
            assertThat((long) received.length()).isLessThan(SERVICES * 1_000L);
        }

        // A new stream is served, whole.
        JsonNode stream = JSON.readTree(as(users.get(0))
                .accept("application/json")
                .get(STREAM + "&limit=50")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray());
        assertThat(stream.size()).isEqualTo(50);
        assertThat(stream.get(49).path("customerId").asText()).isEqualTo("cust-slow-50");
    }

    @Test
    void aUserHoldsAtMostTwoStreamsAndAnotherUserIsNotAffected() throws Exception {
        TestUser greedy = ExporterApi.monitor(dataSource);
        TestUser other = ExporterApi.monitor(dataSource);
        assertThat(open(greedy).status()).isEqualTo(200);
        assertThat(open(greedy).status()).isEqualTo(200);

        RawHttpClient third = open(greedy);
        assertThat(third.status()).isEqualTo(429);
        assertThat(third.header("Retry-After")).isEqualTo("7");
        JsonNode error = JSON.readTree(third.body());
        assertThat(error.path("statusCode").asInt()).isEqualTo(429);
        assertThat(error.path("status").asText()).isEqualTo("TOO_MANY_REQUESTS");
        assertThat(error.path("code").asText()).isEqualTo("too-many-streams");
        assertThat(error.path("message").asText()).contains(greedy.username()).doesNotContain("Exception");

        // Meanwhile another user streams, whole.
        JsonNode stream = JSON.readTree(as(other)
                .accept("application/json")
                .get(STREAM + "&limit=20")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray());
        assertThat(stream.size()).isEqualTo(20);

        // Once the stalled streams are cut off, their permits are back: the user streams again.
        awaitNoStreamInTheDatabase();
        awaitUntil(
                () -> as(greedy)
                                .accept("application/json")
                                .get(STREAM + "&limit=5")
                                .then()
                                .extract()
                                .statusCode()
                        == 200,
                "a new stream of the user who held two");
    }

    private RawHttpClient open(TestUser user) throws Exception {
        RawHttpClient client = RawHttpClient.get(base, STREAM, user);
        clients.add(client);
        return client;
    }

    /** No backend runs or holds a COPY of the services any more (active, or idle in a transaction). */
    private void awaitNoStreamInTheDatabase() throws Exception {
        awaitUntil(() -> streamsInTheDatabase().isEmpty(), "the streams' database connections released");
    }

    /** The backends that run or hold a COPY of the services (their state and wait event). */
    private List<String> streamsInTheDatabase() {
        try {
            return Sql.column(
                    dataSource,
                    "SELECT state || ' ' || coalesce(wait_event, '-') FROM pg_stat_activity"
                            + " WHERE pid <> pg_backend_pid() AND query LIKE 'COPY%exporter_service%' AND state <> 'idle'");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitUntil(BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(WITHIN);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Not within " + WITHIN + ": " + what);
            }
            Thread.sleep(100);
        }
    }
}
