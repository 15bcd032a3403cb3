package org.bdisuite.exporter;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.bdisuite.exporter.ExporterApi.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.bdisuite.test.EmbeddedPostgresResource;
import org.bdisuite.test.Sql;
import org.bdisuite.test.TestUsers.TestUser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The services stream's ingest: start, end (idempotent), read, bulk NDJSON (all or nothing), roles. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CustomerServiceIngestTest {

    @Inject
    DataSource dataSource;

    private TestUser operator;

    @BeforeAll
    void users() {
        operator = ExporterApi.operator(dataSource);
    }

    private long count(String customer) throws Exception {
        return Sql.singleLong(
                dataSource, "SELECT count(*) FROM exporter_service WHERE customer_id = '" + customer + "'");
    }

    @Test
    void aServiceIsStartedReadAndCompletedOnceOnly() {
        String location = as(operator)
                .body(Map.of(
                        "type",
                        "callback",
                        "customerId",
                        "cust-ingest-1",
                        "content",
                        Map.of("channel", "voice", "priority", 3),
                        "startTime",
                        "2030-01-01T10:00:00+01:00"))
                .post("/exporter/services")
                .then()
                .statusCode(201)
                .extract()
                .header("Location");
        long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));

        as(operator)
                .get("/exporter/services/" + id)
                .then()
                .statusCode(200)
                .body("id", equalTo((int) id))
                .body("type", equalTo("callback"))
                .body("customerId", equalTo("cust-ingest-1"))
                .body("state", equalTo("active"))
                .body("startedAt", equalTo("2030-01-01T09:00:00Z"))
                .body("completedAt", nullValue())
                .body("content.channel", equalTo("voice"))
                .body("content.priority", equalTo(3));

        as(operator)
                .body(Map.of("endTime", "1893495600000"))
                .post("/exporter/services/" + id + "/end")
                .then()
                .statusCode(200)
                .body("state", equalTo("inactive"))
                .body("completedAt", equalTo("2030-01-01T11:00:00Z"));
        // Completing twice is a no-op: the first end time stays.
        as(operator)
                .body(Map.of("endTime", "2030-01-02T00:00:00Z"))
                .post("/exporter/services/" + id + "/end")
                .then()
                .statusCode(200)
                .body("completedAt", equalTo("2030-01-01T11:00:00Z"));
        // No body at all: the end event happens now (here: it was completed already, so nothing changes).
        given().auth()
                .preemptive()
                .basic(operator.username(), operator.password())
                .post("/exporter/services/" + id + "/end")
                .then()
                .statusCode(200)
                .body("completedAt", equalTo("2030-01-01T11:00:00Z"));
    }

    @Test
    void endWithoutBodyCompletesNow() {
        long id = start("cust-ingest-now", null);
        given().auth()
                .preemptive()
                .basic(operator.username(), operator.password())
                .post("/exporter/services/" + id + "/end")
                .then()
                .statusCode(200)
                .body("state", equalTo("inactive"));
    }

    @Test
    void completingAnUnknownServiceIs404AndAnEndBeforeTheStartIs400() throws Exception {
        as(operator)
                .post("/exporter/services/987654321/end")
                .then()
                .statusCode(404)
                .body("message", containsString("987654321"));
        long id = start("cust-ingest-2", "2030-01-01T10:00:00Z");
        as(operator)
                .body(Map.of("endTime", "2030-01-01T09:59:59Z"))
                .post("/exporter/services/" + id + "/end")
                .then()
                .statusCode(400)
                .body("message", containsString("endTime"));
        assertThat(Sql.single(dataSource, "SELECT completed_at IS NULL FROM exporter_service WHERE id = " + id))
                .isEqualTo("t");
        as(operator).get("/exporter/services/987654321").then().statusCode(404);
    }

    @Test
    void badServicesAre400AndStoreNothing() throws Exception {
        as(operator)
                .body(Map.of("customerId", "cust-bad"))
                .post("/exporter/services")
                .then()
                .statusCode(400)
                .body("message", containsString("type"));
        as(operator)
                .body(Map.of("type", "t", "customerId", "cust-bad", "content", List.of(1, 2)))
                .post("/exporter/services")
                .then()
                .statusCode(400)
                .body("message", containsString("content"));
        as(operator)
                .body(Map.of("type", "t", "customerId", "cust-bad", "startTime", "yesterday"))
                .post("/exporter/services")
                .then()
                .statusCode(400)
                .body("message", containsString("startTime"))
                .body("message", containsString("epoch milliseconds"));
        assertThat(count("cust-bad")).isZero();
    }

    @Test
    void bulkNdjsonStoresEveryLineOrNothing() throws Exception {
        String good = """
                {"type":"chat","customerId":"cust-bulk","content":{"n":1},"startTime":"2030-02-01T10:00:00Z"}

                {"type":"chat","customerId":"cust-bulk","content":{"n":"two, \\"quoted\\""},"startTime":"1896170400000","endTime":"2030-02-01T11:00:00Z"}\r
                {"type":"chat","customerId":"cust-bulk"}
                """;
        as(operator)
                .contentType("application/x-ndjson")
                .body(bytes(good))
                .post("/exporter/services/bulk")
                .then()
                .statusCode(200)
                .body("created", equalTo(3))
                .body("completed", equalTo(1));
        assertThat(count("cust-bulk")).isEqualTo(3);
        assertThat(Sql.column(
                        dataSource,
                        "SELECT content->>'n' FROM exporter_service WHERE customer_id = 'cust-bulk'" + " ORDER BY id"))
                .containsExactly("1", "two, \"quoted\"", null);

        String bad = """
                {"type":"chat","customerId":"cust-bulk-bad","startTime":"2030-02-01T10:00:00Z"}
                {"type":"chat","customerId":"cust-bulk-bad","startTime":"not a time"}
                """;
        as(operator)
                .contentType("application/x-ndjson")
                .body(bytes(bad))
                .post("/exporter/services/bulk")
                .then()
                .statusCode(400)
                .body("message", containsString("line 2"))
                .body("message", containsString("startTime"));
        as(operator)
                .contentType("application/x-ndjson")
                .body(bytes("{\"type\":\"chat\",\"customerId\":\"cust-bulk-bad\"}\n" + "not json\n"))
                .post("/exporter/services/bulk")
                .then()
                .statusCode(400)
                .body("message", containsString("line 2"));
        assertThat(count("cust-bulk-bad")).isZero();
    }

    @Test
    void ingestNeedsAdminOrOperatorAndReadsAnyExportingRole() throws Exception {
        TestUser monitor = ExporterApi.monitor(dataSource);
        TestUser exporter = ExporterApi.exporter(dataSource);
        Map<String, Object> body = Map.of("type", "t", "customerId", "cust-roles");
        as(monitor).body(body).post("/exporter/services").then().statusCode(403);
        as(exporter).body(body).post("/exporter/services").then().statusCode(403);
        as(monitor)
                .contentType("application/x-ndjson")
                .body(bytes("{\"type\":\"t\",\"customerId\":\"cust-roles\"}\n"))
                .post("/exporter/services/bulk")
                .then()
                .statusCode(403);
        given().contentType("application/json")
                .body(body)
                .post("/exporter/services")
                .then()
                .statusCode(401);
        assertThat(count("cust-roles")).isZero();

        long id = start("cust-roles-read", null);
        as(monitor).post("/exporter/services/" + id + "/end").then().statusCode(403);
        as(monitor).get("/exporter/services/" + id).then().statusCode(200);
        as(exporter).get("/exporter/services/" + id).then().statusCode(200);
        as(ExporterApi.nobody(dataSource))
                .get("/exporter/services/" + id)
                .then()
                .statusCode(403);
        as(ExporterApi.admin(dataSource))
                .post("/exporter/services/" + id + "/end")
                .then()
                .statusCode(200);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private long start(String customer, String startTime) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("type", "t", "customerId", customer));
        if (startTime != null) {
            body.put("startTime", startTime);
        }
        JsonPath created = as(operator)
                .body(body)
                .post("/exporter/services")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        return created.getLong("id");
    }
}
