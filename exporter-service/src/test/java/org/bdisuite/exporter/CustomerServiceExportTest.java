package org.bdisuite.exporter;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.bdisuite.exporter.ExporterApi.as;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import javax.sql.DataSource;
import org.bdisuite.test.EmbeddedPostgresResource;
import org.bdisuite.test.Sql;
import org.bdisuite.test.TestUsers.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The JSON stream of the services export: the seed's figure (S1 started in the range and completed after it, S2
 * started in the range and active, S3 started before the range and completed in it) with all nine filter
 * combinations, boundaries, NDJSON, resume tokens and limits, bad input and roles. Times are in 2031, which no other
 * test class uses, so other classes' services never fall in these ranges.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CustomerServiceExportTest {

    private static final String T1 = "2031-03-01T10:00:00Z";
    private static final String T2 = "2031-03-01T12:00:00Z";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    DataSource dataSource;

    private TestUser monitor;
    private final Map<String, Long> ids = new LinkedHashMap<>();

    /** Through the ingest API (RestAssured knows the test port only once tests run, hence not in @BeforeAll). */
    @BeforeEach
    void seedTheFigureOnce() {
        if (!ids.isEmpty()) {
            return;
        }
        monitor = ExporterApi.monitor(dataSource);
        TestUser operator = ExporterApi.operator(dataSource);
        ids.put("S1", service(operator, "S1", "2031-03-01T10:30:00Z", "2031-03-01T13:00:00Z"));
        ids.put("S2", service(operator, "S2", "2031-03-01T11:00:00Z", null));
        ids.put("S3", service(operator, "S3", "2031-03-01T09:00:00Z", "2031-03-01T11:30:00Z"));
        // Outside the range in every way: before it, after it, and spanning it without an event in it.
        service(operator, "before", "2031-03-01T08:00:00Z", "2031-03-01T09:00:00Z");
        service(operator, "after", "2031-03-01T12:30:00Z", null);
        service(operator, "spanning", "2031-03-01T09:30:00Z", "2031-03-01T12:00:01Z");
    }

    private static long service(TestUser operator, String name, String start, String end) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of(
                "type",
                "callback",
                "customerId",
                "cust-" + name,
                "content",
                Map.of("name", name, "tags", List.of("a", "b")),
                "startTime",
                start));
        if (end != null) {
            body.put("endTime", end);
        }
        return as(operator)
                .body(body)
                .post("/exporter/services")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
    }

    private Response export(String events, String state, boolean content) {
        return as(monitor)
                .queryParam("time_from", T1)
                .queryParam("time_to", T2)
                .queryParam("filter_events", events)
                .queryParam("filter_state", state)
                .queryParam("export_content", content)
                .get("/exporter/services/export");
    }

    private List<Long> of(String... names) {
        return java.util.Arrays.stream(names).map(ids::get).toList();
    }

    private static List<Long> idsIn(String body) throws Exception {
        return StreamSupport.stream(JSON.readTree(body).spliterator(), false)
                .map(JsonNode::asLong)
                .toList();
    }

    @Test
    void theNineCombinationsGiveTheSeedsResults() throws Exception {
        Map<String, List<Long>> expected = new LinkedHashMap<>();
        expected.put("any/any", of("S1", "S2", "S3"));
        expected.put("any/active", of("S2"));
        expected.put("any/inactive", of("S1", "S3"));
        expected.put("started/any", of("S1", "S2"));
        expected.put("started/active", of("S2"));
        expected.put("started/inactive", of("S1"));
        expected.put("completed/any", of("S3"));
        expected.put("completed/inactive", of("S3"));
        for (Map.Entry<String, List<Long>> combination : expected.entrySet()) {
            String[] filters = combination.getKey().split("/");
            String ids = export(filters[0], filters[1], false)
                    .then()
                    .statusCode(200)
                    .contentType("application/json")
                    .extract()
                    .asString();
            assertThat(idsIn(ids)).as(combination.getKey()).containsExactlyElementsOf(combination.getValue());

            JsonNode services = JSON.readTree(export(filters[0], filters[1], true)
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString());
            List<Long> contentIds = new ArrayList<>();
            services.forEach(service -> contentIds.add(service.get("id").asLong()));
            assertThat(contentIds)
                    .as(combination.getKey() + " with content")
                    .containsExactlyElementsOf(combination.getValue());
        }
        // The defaults are any / any.
        assertThat(idsIn(as(monitor)
                        .queryParam("time_from", T1)
                        .queryParam("time_to", T2)
                        .get("/exporter/services/export")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString()))
                .containsExactlyElementsOf(of("S1", "S2", "S3"));
    }

    @Test
    void wholeServicesAreTheSameAsGetById() throws Exception {
        JsonNode services = JSON.readTree(
                export("any", "any", true).then().statusCode(200).extract().asString());
        assertThat(services).hasSize(3);
        JsonNode s1 = services.get(0);
        assertThat(s1.get("id").asLong()).isEqualTo(ids.get("S1"));
        assertThat(s1.get("type").asText()).isEqualTo("callback");
        assertThat(s1.get("customerId").asText()).isEqualTo("cust-S1");
        assertThat(s1.get("state").asText()).isEqualTo("inactive");
        assertThat(s1.get("startedAt").asText()).isEqualTo("2031-03-01T10:30:00Z");
        assertThat(s1.get("completedAt").asText()).isEqualTo("2031-03-01T13:00:00Z");
        assertThat(s1.get("content")).isEqualTo(JSON.readTree("{\"name\":\"S1\",\"tags\":[\"a\",\"b\"]}"));
        assertThat(services.get(1).get("completedAt").isNull()).isTrue();
        assertThat(services.get(1).get("state").asText()).isEqualTo("active");
        for (JsonNode service : services) {
            String byId = as(monitor)
                    .get("/exporter/services/" + service.get("id").asLong())
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString();
            assertThat(JSON.readTree(byId)).isEqualTo(service);
        }
    }

    /**
     * The stream builds each object from the plain columns in the exporter (not with row_to_json): values that are
     * hard to print (quotes, backslashes, control characters, characters beyond U+FFFF, a jsonb string holding
     * escapes, fractional times, whole milliseconds) come out as the same JSON as GET by id, in an array and in
     * NDJSON. Times in 2036 (no other class).
     */
    @Test
    void hardValuesStreamAsGetByIdPrintsThem() throws Exception {
        Sql.execute(
                dataSource,
                "INSERT INTO exporter_service (type, customer_id, started_at, completed_at, content)"
                        + " VALUES ('say \"hi\", \\ back', E'tab\\there\\nnew\\u0001 \\U0001F600 é', timestamptz"
                        + " '2036-01-01 10:00:00.123+00', timestamptz '2036-01-01 11:00:00.000001+00',"
                        + " jsonb_build_object('note', E'a \"q\" \\\\ b\\n', 'n', 1.50, 'emoji', E'\\U0001F600', 'nested',"
                        + " jsonb_build_array(NULL, true, 'x,y'))),"
                        + " ('plain', 'c', timestamptz '2036-01-01 10:30:00.5+00', NULL, '{}')");
        Response array = as(monitor)
                .queryParam("time_from", "2036-01-01T00:00:00Z")
                .queryParam("time_to", "2036-01-02T00:00:00Z")
                .queryParam("export_content", true)
                .get("/exporter/services/export");
        JsonNode services = JSON.readTree(array.then().statusCode(200).extract().asByteArray());
        assertThat(services).hasSize(2);
        String ndjson = as(monitor)
                .accept("application/x-ndjson")
                .queryParam("time_from", "2036-01-01T00:00:00Z")
                .queryParam("time_to", "2036-01-02T00:00:00Z")
                .queryParam("export_content", true)
                .get("/exporter/services/export")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        String[] lines = ndjson.split("\n");
        assertThat(lines).hasSize(2);
        for (int i = 0; i < 2; i++) {
            JsonNode service = services.get(i);
            JsonNode byId = JSON.readTree(as(monitor)
                    .get("/exporter/services/" + service.get("id").asLong())
                    .then()
                    .statusCode(200)
                    .extract()
                    .asByteArray());
            assertThat(service).isEqualTo(byId);
            assertThat(JSON.readTree(lines[i])).isEqualTo(byId);
        }
        JsonNode hard = services.get(0);
        assertThat(hard.get("type").asText()).isEqualTo("say \"hi\", \\ back");
        assertThat(hard.get("customerId").asText()).isEqualTo("tab\there\nnew\u0001 \uD83D\uDE00 é");
        assertThat(hard.get("startedAt").asText()).isEqualTo("2036-01-01T10:00:00.123000Z");
        assertThat(hard.get("completedAt").asText()).isEqualTo("2036-01-01T11:00:00.000001Z");
        assertThat(hard.get("content").get("note").asText()).isEqualTo("a \"q\" \\ b\n");
        assertThat(hard.get("content").get("emoji").asText()).isEqualTo("\uD83D\uDE00");
        assertThat(services.get(1).get("startedAt").asText()).isEqualTo("2036-01-01T10:30:00.500000Z");
        assertThat(services.get(1).get("completedAt").isNull()).isTrue();
    }

    @Test
    void completedWithActiveIsRejectedWithTheReason() {
        export("completed", "active", false)
                .then()
                .statusCode(400)
                .body(
                        "message",
                        allOf(containsString("filter_state"), containsString("completed"), containsString("allowed")));
    }

    @Test
    void eventsExactlyAtTheBoundsAreIncluded() throws Exception {
        TestUser operator = ExporterApi.operator(dataSource);
        long atFrom = service(operator, "at-from", "2031-05-01T10:00:00Z", null);
        long atTo = service(operator, "at-to", "2031-05-01T08:00:00Z", "2031-05-01T12:00:00Z");
        long justBefore = service(operator, "just-before", "2031-05-01T09:59:59.999999Z", null);
        long justAfter = service(operator, "just-after", "2031-05-01T12:00:00.000001Z", null);
        // The same range in epoch milliseconds and with an offset.
        // A '+' in a query is a space unless encoded: clients send %2B (RestAssured's encoding is off here).
        String ids = as(monitor)
                .urlEncodingEnabled(false)
                .queryParam("time_from", "1935396000000")
                .queryParam("time_to", "2031-05-01T14:00:00%2B02:00")
                .get("/exporter/services/export")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(idsIn(ids)).containsExactly(atFrom, atTo).doesNotContain(justBefore, justAfter);
        String started = as(monitor)
                .queryParam("time_from", "2031-05-01T10:00:00Z")
                .queryParam("time_to", "2031-05-01T10:00:00Z")
                .queryParam("filter_events", "started")
                .get("/exporter/services/export")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(idsIn(started)).containsExactly(atFrom);
    }

    @Test
    void ndjsonGivesOneValuePerLine() throws Exception {
        String ids = as(monitor)
                .accept("application/x-ndjson")
                .queryParam("time_from", T1)
                .queryParam("time_to", T2)
                .get("/exporter/services/export")
                .then()
                .statusCode(200)
                .contentType("application/x-ndjson")
                .extract()
                .asString();
        assertThat(ids).isEqualTo(ids.lines().map(line -> line + "\n").reduce("", String::concat));
        assertThat(ids.lines().map(Long::parseLong).toList()).containsExactlyElementsOf(of("S1", "S2", "S3"));
        String services = as(monitor)
                .accept("application/x-ndjson")
                .queryParam("time_from", T1)
                .queryParam("time_to", T2)
                .queryParam("export_content", true)
                .get("/exporter/services/export")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        JsonNode array =
                JSON.readTree(export("any", "any", true).then().extract().asString());
        List<JsonNode> lines = new ArrayList<>();
        for (String line : services.lines().toList()) {
            lines.add(JSON.readTree(line));
        }
        assertThat(lines).containsExactlyElementsOf(array);
    }

    @Test
    void resumeTokensAndLimitsPageWithoutGapsOrDuplicates() throws Exception {
        List<Long> all = idsIn(export("any", "any", false).then().extract().asString());
        List<Long> paged = new ArrayList<>();
        Long after = null;
        for (int page = 0; page < 10; page++) {
            var request = as(monitor)
                    .queryParam("time_from", T1)
                    .queryParam("time_to", T2)
                    .queryParam("limit", 1);
            if (after != null) {
                request.queryParam("after", after);
            }
            List<Long> ids = idsIn(request.get("/exporter/services/export")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString());
            if (ids.isEmpty()) {
                break;
            }
            assertThat(ids).hasSize(1);
            paged.addAll(ids);
            after = ids.get(ids.size() - 1);
        }
        assertThat(paged).containsExactlyElementsOf(all);
        // A resumed content stream starts right after the token.
        JsonNode rest = JSON.readTree(as(monitor)
                .queryParam("time_from", T1)
                .queryParam("time_to", T2)
                .queryParam("export_content", true)
                .queryParam("after", all.get(0))
                .get("/exporter/services/export")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        assertThat(rest).hasSize(2);
        assertThat(rest.get(0).get("id").asLong()).isEqualTo(all.get(1));
    }

    @Test
    void badParametersAre400NamingTheParameterAndTheAllowedValues() throws Exception {
        long jobs = Sql.singleLong(dataSource, "SELECT count(*) FROM exporter_service_file_job");
        Map<String, String[]> cases = new LinkedHashMap<>();
        cases.put("time_to=" + T2, new String[] {"time_from", "ISO-8601"});
        cases.put("time_from=" + T1, new String[] {"time_to", "epoch milliseconds"});
        cases.put("time_from=yesterday&time_to=" + T2, new String[] {"time_from", "'yesterday'", "ISO-8601"});
        cases.put("time_from=2031-03-01T10:00:00&time_to=" + T2, new String[] {"time_from", "offset"});
        // A time Java reads but PostgreSQL cannot compare: a 400, not the database's 500.
        cases.put("time_from=" + T1 + "&time_to=999999999999999", new String[] {"time_to", "years 1 and 9999"});
        cases.put("time_from=" + T2 + "&time_to=" + T1, new String[] {"time_from", "after", "time_to"});
        cases.put(
                "time_from=" + T1 + "&time_to=" + T2 + "&filter_events=opened",
                new String[] {"filter_events", "'opened'", "any, started, completed"});
        cases.put(
                "time_from=" + T1 + "&time_to=" + T2 + "&filter_state=closed",
                new String[] {"filter_state", "'closed'", "any, active, inactive"});
        cases.put(
                "time_from=" + T1 + "&time_to=" + T2 + "&filter_events=completed&filter_state=active",
                new String[] {"filter_state", "cannot", "any, inactive"});
        cases.put(
                "time_from=" + T1 + "&time_to=" + T2 + "&export_content=yes",
                new String[] {"export_content", "true, false"});
        cases.put("time_from=" + T1 + "&time_to=" + T2 + "&after=x", new String[] {"after", "whole number"});
        cases.put("time_from=" + T1 + "&time_to=" + T2 + "&limit=0", new String[] {"limit", ">= 1"});
        for (Map.Entry<String, String[]> bad : cases.entrySet()) {
            String message = as(monitor)
                    .get("/exporter/services/export?" + bad.getKey())
                    .then()
                    .statusCode(400)
                    .extract()
                    .jsonPath()
                    .getString("message");
            assertThat(message).as(bad.getKey()).contains(bad.getValue());
            if (!bad.getKey().contains("export_content")
                    && !bad.getKey().contains("after")
                    && !bad.getKey().contains("limit")) {
                String jobMessage = as(monitor)
                        .post("/exporter/services/export/files?format=CSV&" + bad.getKey())
                        .then()
                        .statusCode(400)
                        .extract()
                        .jsonPath()
                        .getString("message");
                assertThat(jobMessage).as("file job " + bad.getKey()).contains(bad.getValue());
            }
        }
        as(monitor)
                .post("/exporter/services/export/files?format=XML&time_from=" + T1 + "&time_to=" + T2)
                .then()
                .statusCode(400)
                .body("message", allOf(containsString("format"), containsString("'XML'"), containsString("CSV, JSON")));
        as(monitor)
                .post("/exporter/services/export/files?time_from=" + T1 + "&time_to=" + T2)
                .then()
                .statusCode(400)
                .body("message", allOf(containsString("format"), containsString("CSV, JSON")));
        assertThat(Sql.singleLong(dataSource, "SELECT count(*) FROM exporter_service_file_job"))
                .isEqualTo(jobs);
    }

    @Test
    void exportNeedsAnExportingRole() {
        String query = "/exporter/services/export?time_from=" + T1 + "&time_to=" + T2;
        given().get(query).then().statusCode(401);
        given().post("/exporter/services/export/files?format=CSV&time_from=" + T1 + "&time_to=" + T2)
                .then()
                .statusCode(401);
        as(ExporterApi.nobody(dataSource)).get(query).then().statusCode(403);
        as(ExporterApi.nobody(dataSource))
                .post("/exporter/services/export/files?format=CSV&time_from=" + T1 + "&time_to=" + T2)
                .then()
                .statusCode(403);
        as(ExporterApi.exporter(dataSource)).get(query).then().statusCode(200);
        as(ExporterApi.operator(dataSource)).get(query).then().statusCode(200);
        as(ExporterApi.admin(dataSource)).get(query).then().statusCode(200);
    }

    @Test
    void theServicesDataSourceIsListedAndItsParametersAreCheckedInSchedules() {
        as(monitor)
                .get("/exporter/data-sources")
                .then()
                .statusCode(200)
                .body(
                        "find { it.name == 'services' }.parameters",
                        org.hamcrest.Matchers.contains("time_from", "time_to", "filter_events", "filter_state"));
        as(monitor)
                .get("/exporter/data-sources/services/preview?time_from=" + T1 + "&time_to=" + T2
                        + "&filter_events=started")
                .then()
                .statusCode(200)
                .body(
                        "headerRow",
                        org.hamcrest.Matchers.contains(
                                "id", "type", "customerId", "state", "startedAt", "completedAt", "content"))
                .body("data.customerId", org.hamcrest.Matchers.contains("cust-S1", "cust-S2"))
                .body("data[0].content.name", org.hamcrest.Matchers.equalTo("S1"));
        Map<String, Object> schedule = ExporterApi.schedule();
        schedule.put("dataSource", "services");
        schedule.put("parameters", Map.of("filter_events", "completed", "filter_state", "active"));
        as(ExporterApi.exporter(dataSource))
                .body(schedule)
                .post("/exporter/schedules")
                .then()
                .statusCode(400)
                .body("message", allOf(containsString("parameters.filter_state"), containsString("allowed")));
    }

    @Test
    void theOpenApiDocumentNamesEveryServicesOperationAndItsStatuses() {
        io.restassured.path.json.JsonPath api = as(monitor)
                .get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        Map<String, List<String>> operations = new LinkedHashMap<>();
        operations.put("paths.'/exporter/services'.post", List.of("startService", "201", "400", "401", "403"));
        operations.put("paths.'/exporter/services/bulk'.post", List.of("ingestServicesBulk", "200", "400", "413"));
        operations.put("paths.'/exporter/services/{id}'.get", List.of("getService", "200", "401", "403", "404"));
        operations.put("paths.'/exporter/services/{id}/end'.post", List.of("endService", "200", "400", "404"));
        operations.put(
                "paths.'/exporter/services/export'.get", List.of("exportServicesStream", "200", "400", "401", "403"));
        operations.put(
                "paths.'/exporter/services/export/files'.post", List.of("createServicesFileExport", "202", "400"));
        operations.put(
                "paths.'/exporter/services/export/files/{jobId}'.get", List.of("getServicesFileExport", "200", "404"));
        operations.put(
                "paths.'/exporter/services/export/files/{jobId}/{name}'.get",
                List.of("downloadServicesFile", "200", "206", "404", "409", "416"));
        operations.forEach((path, expected) -> {
            assertThat(api.getString(path + ".operationId")).as(path).isEqualTo(expected.get(0));
            Map<String, Object> responses = api.getMap(path + ".responses");
            assertThat(responses)
                    .as(path)
                    .containsKeys(expected.subList(1, expected.size()).toArray(String[]::new));
        });
        assertThat(api.getString("paths.'/exporter/services/export'.get.responses.'400'.content.'application/json'"
                        + ".schema.'$ref'"))
                .endsWith("ErrorBody");
    }

    @Test
    void aScheduleExportsTheServicesDataSource() throws Exception {
        TestUser exporter = ExporterApi.exporter(dataSource);
        Map<String, Object> schedule = ExporterApi.schedule();
        schedule.put("dataSource", "services");
        schedule.put("fileType", "JSON");
        schedule.put("parameters", Map.of("time_from", T1, "time_to", T2, "filter_state", "inactive"));
        String businessKey = as(exporter)
                .body(schedule)
                .post("/exporter/schedules")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getString("businessKey");
        io.restassured.path.json.JsonPath run = as(exporter)
                .post("/exporter/schedules/" + businessKey + "/run")
                .then()
                .statusCode(200)
                .body("rows", org.hamcrest.Matchers.equalTo(2))
                .extract()
                .jsonPath();
        java.nio.file.Path file = java.nio.file.Path.of(
                "target/exporter-test/runs", businessKey, run.getString("runId"), run.getString("files[0].name"));
        JsonNode rows = JSON.readTree(java.nio.file.Files.readAllBytes(file));
        assertThat(rows)
                .containsExactlyElementsOf(JSON.readTree(
                        export("any", "inactive", true).then().extract().asString()));
    }
}
