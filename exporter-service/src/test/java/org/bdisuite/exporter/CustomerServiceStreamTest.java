package org.bdisuite.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.sql.DataSource;
import org.bdisuite.test.EmbeddedPostgresResource;
import org.bdisuite.test.Sql;
import org.bdisuite.test.TestUsers.TestUser;
import org.junit.jupiter.api.Test;

/**
 * The stream of 200,000 services (about 100 MB with content) is written while the cursor is read: the client reads
 * the first services, the server's export transaction is then still open on its cursor, and ending that database
 * session cuts the response off (an export that read everything first would have sent a complete array). The
 * client then resumes with after=<last id it got> and receives exactly the rest. Times in 2032 (no other class).
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class CustomerServiceStreamTest {

    private static final int SERVICES = 200_000;
    private static final String RANGE = "time_from=2032-01-01T00:00:00Z&time_to=2032-01-02T00:00:00Z";
    private static final JsonFactory JSON = new JsonFactory();

    @Inject
    DataSource dataSource;

    @TestHTTPResource("/exporter/services/export")
    URL export;

    private static boolean seeded;

    /** 500 bytes of content per service: a response far larger than any socket or output buffer. */
    private void seedOnce() throws Exception {
        if (seeded) {
            return;
        }
        Sql.execute(
                dataSource,
                "INSERT INTO exporter_service (type, customer_id, started_at, content)"
                        + " SELECT 'bulk', 'cust-stream-' || n, timestamptz '2032-01-01T00:00:00Z' + n * interval '100 ms',"
                        + " jsonb_build_object('n', n, 'text', repeat('x', 480)) FROM generate_series(1, " + SERVICES
                        + ") n");
        seeded = true;
    }

    /** Ends the database session of the export that is streaming now. */
    private void endTheExportsDatabaseSession() throws Exception {
        String pid = Sql.single(
                dataSource,
                "SELECT pid FROM pg_stat_activity WHERE pid <> pg_backend_pid()"
                        + " AND query LIKE 'COPY%exporter_service%' AND state <> 'idle'");
        Sql.execute(dataSource, "SELECT pg_terminate_backend(" + pid + ")");
    }

    @Test
    void theStreamLeavesBeforeTheLastRowIsReadAndResumesWithoutGapOrDuplicate() throws Exception {
        seedOnce();
        List<Long> expected = Sql.column(
                        dataSource,
                        "SELECT id FROM exporter_service WHERE customer_id LIKE" + " 'cust-stream-%' ORDER BY id")
                .stream()
                .map(Long::valueOf)
                .toList();
        TestUser monitor = ExporterApi.monitor(dataSource);

        HttpURLConnection connection = open(monitor, "?export_content=true&" + RANGE);
        List<Long> received = new ArrayList<>();
        try (InputStream body = connection.getInputStream();
                JsonParser parser = JSON.createParser(body)) {
            assertThat(connection.getResponseCode()).isEqualTo(200);
            assertThat(parser.nextToken()).isEqualTo(JsonToken.START_ARRAY);
            readIds(parser, received, 1_000);

            // The export's database session is still reading its cursor: end it.
            endTheExportsDatabaseSession();

            assertThatThrownBy(() -> readIds(parser, received, Integer.MAX_VALUE))
                    .isInstanceOf(IOException.class);
        }
        assertThat(received.size()).isGreaterThanOrEqualTo(1_000).isLessThan(SERVICES);
        assertThat(received).isEqualTo(expected.subList(0, received.size()));

        long after = received.get(received.size() - 1);
        HttpURLConnection rest = open(monitor, "?after=" + after + "&" + RANGE);
        try (InputStream body = rest.getInputStream();
                JsonParser parser = JSON.createParser(body)) {
            assertThat(parser.nextToken()).isEqualTo(JsonToken.START_ARRAY);
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.VALUE_NUMBER_INT) {
                received.add(parser.getLongValue());
            }
            assertThat(token).isEqualTo(JsonToken.END_ARRAY);
        }
        assertThat(received).hasSize(SERVICES).isEqualTo(expected);
    }

    /**
     * A stream that fails after its first bytes breaks the HTTP transfer: the client's read fails. Whatever was sent
     * must not end cleanly, and nothing may be appended to it (an error body after a cut-off NDJSON stream would read
     * as one more line and then a clean end).
     */
    @Test
    void aStreamThatFailsMidwayBreaksTheTransferAndAppendsNothing() throws Exception {
        seedOnce();
        TestUser monitor = ExporterApi.monitor(dataSource);
        HttpURLConnection connection = open(monitor, "?export_content=true&" + RANGE);
        connection.setRequestProperty("Accept", "application/x-ndjson");
        java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try (InputStream body = connection.getInputStream()) {
            assertThat(connection.getResponseCode()).isEqualTo(200);
            while (received.size() < 200_000) {
                int read = body.read(buffer);
                assertThat(read).isPositive();
                received.write(buffer, 0, read);
            }
            endTheExportsDatabaseSession();
            assertThatThrownBy(() -> {
                        int read;
                        while ((read = body.read(buffer)) != -1) {
                            received.write(buffer, 0, read);
                        }
                    })
                    .isInstanceOf(IOException.class);
        }
        String text = received.toString(StandardCharsets.UTF_8);
        assertThat(text).startsWith("{\"id\":").doesNotContain("statusCode").doesNotContain("INTERNAL_SERVER_ERROR");
        assertThat((long) received.size()).isLessThan(SERVICES * 500L);
    }

    /** Reads up to {@code max} whole services and collects their ids; fails on a cut-off body. */
    private static void readIds(JsonParser parser, List<Long> ids, int max) throws IOException {
        for (int read = 0; read < max; read++) {
            JsonToken token = parser.nextToken();
            if (token == JsonToken.END_ARRAY) {
                return;
            }
            if (token != JsonToken.START_OBJECT) {
                throw new IOException("The stream broke off: " + token);
            }
            Long id = null;
            List<String> fields = new ArrayList<>();
            JsonToken next;
            while ((next = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                fields.add(field);
                parser.nextToken();
                if ("id".equals(field)) {
                    id = parser.getLongValue();
                }
                parser.skipChildren();
            }
            if (next != JsonToken.END_OBJECT) {
                throw new IOException("The stream broke off inside a service: " + next);
            }
            assertThat(id)
                    .as("the id of a streamed object with the fields %s", fields)
                    .isNotNull();
            ids.add(id);
        }
    }

    private HttpURLConnection open(TestUser user, String query) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) new URL(export + query).openConnection();
        connection.setRequestProperty(
                "Authorization",
                "Basic "
                        + Base64.getEncoder()
                                .encodeToString(
                                        (user.username() + ":" + user.password()).getBytes(StandardCharsets.UTF_8)));
        connection.setReadTimeout(120_000);
        return connection;
    }
}
