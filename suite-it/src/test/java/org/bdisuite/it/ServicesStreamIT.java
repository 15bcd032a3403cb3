package org.bdisuite.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.bdisuite.test.ServiceProcess;
import org.bdisuite.test.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * The packaged exporter-service under -Xmx64m streams 200,000 whole services (about 1 KB of content each, so over
 * 200 MB of JSON: three times its heap) to the end, and stays up: an export that held its rows, or its response,
 * would run out of memory.
 */
class ServicesStreamIT {

    private static final String ADMIN = "it-admin";
    private static final String ADMIN_PASSWORD = "it-admin-password-1";
    private static final int SERVICES = 200_000;

    @Test
    void twoHundredThousandServicesStreamThroughA64MiBHeap() throws Exception {
        TestDatabase.Coordinates database = TestDatabase.createDatabase();
        Path work = Files.createTempDirectory("services-it");
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Map<String, String> environment = Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL", database.jdbcUrl(),
                "QUARKUS_DATASOURCE_USERNAME", database.username(),
                "QUARKUS_DATASOURCE_PASSWORD", database.password(),
                "SUITE_BOOTSTRAP_ADMIN_USER", ADMIN,
                "SUITE_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD,
                "SUITE_SECRETS_KEY", Base64.getEncoder().encodeToString(key),
                "SUITE_EXPORTER_WORK_DIR", work.resolve("runs").toString(),
                "SUITE_EXPORTER_LOG_DIR", work.resolve("logs").toString(),
                "SUITE_EXPORTER_SERVICES_FILES_DIR", work.resolve("services").toString(),
                "SUITE_EXPORTER_DAILY_ENABLED", "false");
        try (ServiceProcess exporter = ServiceProcess.start("exporter-service", environment, work, "-Xmx64m")) {
            try (Connection connection = database.connect();
                    Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO exporter_service (type, customer_id, started_at, content)"
                        + " SELECT 'bulk', 'cust-' || n, timestamptz '2032-01-01T00:00:00Z' + n * interval '100 ms',"
                        + " jsonb_build_object('n', n, 'text', repeat('x', 1000)) FROM generate_series(1, " + SERVICES
                        + ") n");
            }
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();
            HttpResponse<InputStream> response = http.send(
                    HttpRequest.newBuilder(exporter.uri()
                                    .resolve(
                                            "exporter/services/export?export_content=true&time_from=2032-01-01T00:00:00Z"
                                                    + "&time_to=2032-01-02T00:00:00Z"))
                            .header(
                                    "Authorization",
                                    "Basic "
                                            + Base64.getEncoder()
                                                    .encodeToString((ADMIN + ":" + ADMIN_PASSWORD)
                                                            .getBytes(StandardCharsets.UTF_8)))
                            .timeout(Duration.ofMinutes(10))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).isEqualTo(200);

            ObjectCounter counter = new ObjectCounter();
            try (InputStream body = response.body()) {
                byte[] buffer = new byte[64 * 1024];
                int read;
                while ((read = body.read(buffer)) > 0) {
                    counter.accept(buffer, read);
                }
            }
            assertThat(counter.bytes).isGreaterThan(200L * 1024 * 1024);
            assertThat(counter.objects).isEqualTo(SERVICES);
            assertThat(counter.last).isEqualTo((byte) ']');
            assertThat(exporter.alive()).isTrue();
        }
    }

    /** Counts the array's objects by their leading {"id": (the content has no such key) without parsing. */
    private static final class ObjectCounter {

        private static final byte[] START = "{\"id\":".getBytes(StandardCharsets.US_ASCII);
        long bytes;
        long objects;
        byte last;
        private int matched;

        void accept(byte[] buffer, int length) {
            for (int i = 0; i < length; i++) {
                byte b = buffer[i];
                matched = b == START[matched] ? matched + 1 : (b == START[0] ? 1 : 0);
                if (matched == START.length) {
                    objects++;
                    matched = 0;
                }
            }
            bytes += length;
            last = buffer[length - 1];
        }
    }
}
