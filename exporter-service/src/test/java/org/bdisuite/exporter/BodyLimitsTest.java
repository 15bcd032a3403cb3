package org.bdisuite.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bdisuite.exporter.ExporterApi.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import javax.sql.DataSource;
import org.bdisuite.test.EmbeddedPostgresResource;
import org.bdisuite.test.RawHttpClient;
import org.bdisuite.test.Sql;
import org.bdisuite.test.TestUsers.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each endpoint takes the body it needs and no more: a body read whole (JSON, text) at most
 * suite.http.max-json-body-size (256 KB), the NDJSON bulk ingest at most suite.exporter.services.max-bulk-size (4 MB
 * in tests), counted as it streams. Over a limit: 413 with the error body, and nothing changed. Declared sizes
 * (Content-Length) and chunked bodies (whose size the server learns only by reading) alike.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class BodyLimitsTest {

    private static final int JSON_LIMIT = 256 * 1024;
    private static final int BULK_LIMIT = 4 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    DataSource dataSource;

    @TestHTTPResource("/")
    URL base;

    private TestUser operator;

    @BeforeEach
    void users() {
        operator = ExporterApi.operator(dataSource);
    }

    @Test
    void aJsonBodyOverTheLimitIs413AndStoresNothing() throws Exception {
        tooLarge(as(operator)
                .body(service("cust-limit-big", JSON_LIMIT + 1))
                .post("/exporter/services")
                .then());
        assertThat(count("cust-limit-big")).isZero();

        // The same without a Content-Length: counted while it is read.
        RawHttpClient chunked = RawHttpClient.postChunked(
                base,
                "/exporter/services",
                operator,
                "application/json",
                service("cust-limit-chunked", JSON_LIMIT + 1),
                JSON_LIMIT + 1);
        assertThat(chunked.status()).isEqualTo(413);
        assertTooLarge(JSON.readTree(chunked.body()), "suite.http.max-json-body-size");
        chunked.close();
        assertThat(count("cust-limit-chunked")).isZero();
    }

    @Test
    void aJsonBodyJustUnderTheLimitIsStored() throws Exception {
        as(operator)
                .body(service("cust-limit-fits", JSON_LIMIT))
                .post("/exporter/services")
                .then()
                .statusCode(201);
        assertThat(count("cust-limit-fits")).isEqualTo(1);
    }

    @Test
    void aTextBodyOverTheLimitIs413AndChangesNothing() throws Exception {
        long id = as(operator)
                .body(service("cust-limit-end", 1_000))
                .post("/exporter/services")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
        String endTime = "{\"endTime\":\"2031-06-01T10:00:00Z\"" + " ".repeat(JSON_LIMIT) + "}";
        tooLarge(as(operator)
                .body(endTime)
                .post("/exporter/services/" + id + "/end")
                .then());
        assertThat(Sql.single(dataSource, "SELECT completed_at IS NULL FROM exporter_service WHERE id = " + id))
                .isEqualTo("t");
    }

    @Test
    void aBulkOverItsLimitIs413AndStoresNoLine() throws Exception {
        byte[] declared = (new String(lines("cust-bulk-declared", BULK_LIMIT), StandardCharsets.UTF_8)
                        + new String(lines("cust-bulk-declared", 1), StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8);
        assertThat(declared.length).isGreaterThan(BULK_LIMIT);
        tooLarge(as(operator)
                        .contentType("application/x-ndjson")
                        .body(declared)
                        .post("/exporter/services/bulk")
                        .then())
                .body("code", equalTo("body-too-large"))
                .body("message", containsString("suite.exporter.services.max-bulk-size"));
        assertThat(count("cust-bulk-declared")).isZero();

        // Beyond the HTTP layer's backstop (5 MB here) the declared length alone is refused, with the error body.
        byte[] huge = lines("cust-bulk-huge", 6 * 1024 * 1024);
        tooLarge(as(operator)
                .contentType("application/x-ndjson")
                .body(huge)
                .post("/exporter/services/bulk")
                .then());
        assertThat(count("cust-bulk-huge")).isZero();

        // Chunked: every line before the limit is valid and was copied into the database before the limit was
        // reached; all or nothing, so none of them stays.
        byte[] line = lines("cust-bulk-chunked", 1);
        RawHttpClient chunked = RawHttpClient.postChunked(
                base,
                "/exporter/services/bulk",
                operator,
                "application/x-ndjson",
                line,
                (long) line.length * (BULK_LIMIT / line.length + 100));
        assertThat(chunked.status()).isEqualTo(413);
        assertTooLarge(JSON.readTree(chunked.body()), "suite.exporter.services.max-bulk-size");
        chunked.close();
        assertThat(count("cust-bulk-chunked")).isZero();
    }

    @Test
    void aBulkJustUnderItsLimitIsStoredWhole() throws Exception {
        // Far beyond the limit of bodies read whole: the bulk streams into COPY.
        byte[] body = lines("cust-bulk-fits", BULK_LIMIT);
        long expected = new String(body, StandardCharsets.UTF_8).lines().count();
        assertThat(body.length).isGreaterThan(BULK_LIMIT - 200).isLessThanOrEqualTo(BULK_LIMIT);
        as(operator)
                .contentType("application/x-ndjson")
                .body(body)
                .post("/exporter/services/bulk")
                .then()
                .statusCode(200)
                .body("created", equalTo((int) expected));
        assertThat(count("cust-bulk-fits")).isEqualTo(expected);
    }

    private static ValidatableResponse tooLarge(ValidatableResponse response) {
        return response.statusCode(413)
                .body("statusCode", equalTo(413))
                .body("status", equalTo("REQUEST_ENTITY_TOO_LARGE"))
                .body("message", containsString("larger than"));
    }

    private static void assertTooLarge(JsonNode error, String limit) {
        assertThat(error.path("statusCode").asInt()).isEqualTo(413);
        assertThat(error.path("code").asText()).isEqualTo("body-too-large");
        assertThat(error.path("message").asText()).contains(limit);
    }

    /** A start event of exactly {@code bytes} bytes (padded in its content). */
    private static byte[] service(String customer, int bytes) {
        String head = "{\"type\":\"chat\",\"customerId\":\"" + customer + "\",\"content\":{\"pad\":\"";
        String tail = "\"},\"startTime\":\"2031-06-01T09:00:00Z\"}";
        return (head + "x".repeat(bytes - head.length() - tail.length()) + tail).getBytes(StandardCharsets.UTF_8);
    }

    /** Valid NDJSON lines of {@code customer}: {@code count} lines, or with count over 1000, at most that many bytes. */
    private static byte[] lines(String customer, int countOrBytes) {
        String line = "{\"type\":\"chat\",\"customerId\":\"" + customer + "\",\"content\":{\"pad\":\"" + "y".repeat(400)
                + "\"},\"startTime\":\"2031-06-01T09:00:00Z\"}\n";
        int count = countOrBytes <= 1000 ? countOrBytes : countOrBytes / line.length();
        return line.repeat(count).getBytes(StandardCharsets.UTF_8);
    }

    private long count(String customer) throws Exception {
        return Sql.singleLong(
                dataSource, "SELECT count(*) FROM exporter_service WHERE customer_id = '" + customer + "'");
    }
}
