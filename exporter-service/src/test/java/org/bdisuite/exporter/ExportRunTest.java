package org.bdisuite.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bdisuite.exporter.ExporterApi.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.bdisuite.test.EmbeddedPostgresResource;
import org.bdisuite.test.Sql;
import org.bdisuite.test.TestUsers.TestUser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** startExport by a user: the data source streamed into CSV / JSON files, the row limit, split, audit, errors. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportRunTest {

    private static final Path RUNS = Path.of("target/exporter-test/runs");
    private static final Path ERRORS_FILE = Path.of("target/exporter-test/logs/DataExporterErrors");

    @Inject
    DataSource dataSource;

    private TestUser user;

    @BeforeAll
    void bulkRows() throws Exception {
        user = ExporterApi.exporter(dataSource);
        // 100,001 rows: one more than a file may hold (status BULK keeps them out of other tests' way).
        Sql.execute(
                dataSource,
                "INSERT INTO exporter_demo_appointment (instancestatus, enddatetime,"
                        + " locationbookableid, name, bookableid, appointment, ticketstatus, type, instancebk, startdatetime,"
                        + " status) SELECT 'Active', '2020-01-01T10:00:00Z', 1, 'Name ' || n, n, 'Bulk', 'Booked', 'B',"
                        + " 'bk-' || n, '2020-01-01T09:00:00Z', 'BULK' FROM generate_series(1, 100001) n");
        Sql.execute(
                dataSource,
                "INSERT INTO exporter_demo_appointment (instancestatus, enddatetime,"
                        + " locationbookableid, name, bookableid, appointment, ticketstatus, type, instancebk, startdatetime,"
                        + " assigned_to, status) VALUES ('Active', '2020-01-01T10:00:00Z', 1, '=HYPERLINK(\"http://x\")', 7,"
                        + " '-1+1', 'Booked', 'B', 'bk-f', '2020-01-01T09:00:00Z', '@me', 'FORMULA')");
    }

    @Test
    void aCsvRunWritesTheSeedRowsAndAuditsExactlyTheSeedFieldsPlusTheRun() throws Exception {
        Map<String, Object> body = ExporterApi.schedule();
        body.put("parameters", Map.of("status", "CREATED"));
        String businessKey = create(body);

        JsonPath run = as(user).post("/exporter/schedules/" + businessKey + "/run")
                .then()
                .statusCode(200)
                .body("outcome", equalTo("SUCCEEDED"))
                .body("from", equalTo("Run"))
                .body("user", equalTo(user.username()))
                .body("rows", equalTo(1))
                .body("files", hasSize(1))
                .extract()
                .jsonPath();
        String name = run.getString("files[0].name");
        assertThat(name).matches("sampleAppointments_\\d{4}-\\d{2}-\\d{2}T\\d{6}_run\\d+\\.csv");
        // The schedule's freshness record (notifications and freshness), written with the run's record.
        assertThat(Sql.single(
                        dataSource,
                        "SELECT last_success_at IS NOT NULL FROM suite_freshness WHERE kind = 'EXPORT_SCHEDULE'"
                                + " AND subject = '" + businessKey + "'"))
                .isEqualTo("t");
        Path file = RUNS.resolve(businessKey).resolve(run.getString("runId")).resolve(name);
        byte[] bytes = Files.readAllBytes(file);
        assertThat(new String(bytes, java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(
                        "instancestatus,enddatetime,locationbookableid,name,bookableid,appointment,ticketstatus,type,"
                                + "instancebk,startdatetime,assignedTo,status\r\n"
                                + "Active,2019-06-20T15:00:00Z,1444,Ross,1449,Notice of Marriage,Reserved,SB,"
                                + "8376-7234-6416-2568,2019-06-20T14:00:00Z,,CREATED\r\n");
        assertThat(run.getLong("files[0].bytes")).isEqualTo(bytes.length);
        assertThat(run.getString("files[0].sha256")).isEqualTo(sha256(bytes));

        JsonPath audit = as(user).get("/exporter/schedules/" + businessKey + "/history/audit")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .extract()
                .jsonPath();
        Map<String, Object> event = audit.getMap("items[0].event");
        assertThat(event)
                .containsOnlyKeys(
                        "scheduleFrequency",
                        "sftpDetailsKey",
                        "operations",
                        "recipients",
                        "description",
                        "from",
                        "dataSource",
                        "user",
                        "timestamp",
                        "runId",
                        "rows",
                        "files",
                        "outcome",
                        "error");
        assertThat(audit.getString("items[0].label.labelc")).isEqualTo("reporting_audit");
        assertThat(event)
                .containsEntry("scheduleFrequency", "daily")
                .containsEntry("sftpDetailsKey", null)
                .containsEntry("operations", List.of("EMAIL"))
                .containsEntry("description", "File Export Processed")
                .containsEntry("from", "Run")
                // The seed's example: the data source by its full name, the timestamp with exactly milliseconds.
                .containsEntry("dataSource", "goss.DataExporter.dataSources.sampleAppointments")
                .containsEntry("user", user.username())
                .containsEntry("rows", 1)
                .containsEntry("outcome", "SUCCEEDED")
                .containsEntry("error", null);
        assertThat(audit.getString("items[0].event.recipients[0].address")).isEqualTo("support@example.org");
        assertThat(audit.getString("items[0].event.timestamp"))
                .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
        assertThat(audit.getString("items[0].event.files[0].sha256")).isEqualTo(sha256(bytes));

        as(user).get("/exporter/schedules/" + businessKey)
                .then()
                .body("state", equalTo("WAITING"))
                .body("lastRun.outcome", equalTo("SUCCEEDED"));
    }

    @Test
    void aJsonRunWritesAnArrayOfObjects() throws Exception {
        Map<String, Object> body = ExporterApi.schedule();
        body.put("fileType", "JSON");
        body.put("dateFormat", "UK");
        body.put("parameters", Map.of("status", "CREATED"));
        String businessKey = create(body);
        JsonPath run = as(user).post("/exporter/schedules/" + businessKey + "/messages/startExport")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        Path file = RUNS.resolve(businessKey).resolve(run.getString("runId")).resolve(run.getString("files[0].name"));
        JsonNode rows = new ObjectMapper().readTree(file.toFile());
        assertThat(rows.isArray()).isTrue();
        assertThat(rows.size()).isEqualTo(run.getInt("rows"));
        JsonNode seed = rows.get(0);
        assertThat(seed.get("name").asText()).isEqualTo("Ross");
        assertThat(seed.get("locationbookableid").isNumber()).isTrue();
        assertThat(seed.get("startdatetime").asText()).isEqualTo("2019-06-20T14:00:00Z");
        assertThat(run.getString("files[0].name")).endsWith(".json").doesNotContain("/");
    }

    @Test
    void csvCellsThatLookLikeFormulasAreNeutralised() throws Exception {
        Map<String, Object> body = ExporterApi.schedule();
        body.put("parameters", Map.of("status", "FORMULA"));
        String businessKey = create(body);
        JsonPath run = as(user).post("/exporter/schedules/" + businessKey + "/run")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        String csv = Files.readString(
                RUNS.resolve(businessKey).resolve(run.getString("runId")).resolve(run.getString("files[0].name")));
        assertThat(csv.split("\r\n")[1])
                .isEqualTo("Active,2020-01-01T10:00:00Z,1,\"'=HYPERLINK(\"\"http://x\"\")\","
                        + "7,'-1+1,Booked,B,bk-f,2020-01-01T09:00:00Z,'@me,FORMULA");
    }

    @Test
    void moreRowsThanTheLimitFailTheExportWhichIsLoggedAndAudited() throws Exception {
        Map<String, Object> body = ExporterApi.schedule();
        body.put("parameters", Map.of("status", "BULK"));
        String businessKey = create(body);

        String message = as(user).post("/exporter/schedules/" + businessKey + "/run")
                .then()
                .statusCode(422)
                .body("code", equalTo("export-failed"))
                .body("message", containsString("more than 100000 rows"))
                .extract()
                .path("message");
        String runId = message.replaceAll("^Run (\\d+) .*$", "$1");

        as(user).get("/exporter/schedules/" + businessKey + "/history/audit")
                .then()
                .body("items[0].event.outcome", equalTo("FAILED"))
                .body("items[0].event.description", equalTo("File Export Failed"))
                .body("items[0].event.error", containsString("100000"))
                .body("items[0].event.files", hasSize(0));
        assertThat(Sql.single(dataSource, "SELECT message FROM exporter_error WHERE run_id = " + runId))
                .contains("more than 100000 rows");
        // One EXPORT_RUN_FAILED event in the notification outbox, in the run's transaction.
        assertThat(Sql.column(
                        dataSource,
                        "SELECT kind || ' ' || subject || ' ' || (payload->>'runId') FROM suite_event"
                                + " WHERE occurrence_key LIKE 'export-run:" + runId + ":FAILED:%'"))
                .containsExactly("EXPORT_RUN_FAILED " + businessKey + " " + runId);
        assertThat(Files.readString(ERRORS_FILE))
                .contains("schedule=" + businessKey + " run=" + runId)
                .contains("more than 100000 rows");
        Path runDirectory = RUNS.resolve(businessKey).resolve(runId);
        try (Stream<Path> left = Files.exists(runDirectory) ? Files.list(runDirectory) : Stream.empty()) {
            assertThat(left).isEmpty();
        }
        as(user).get("/exporter/schedules/" + businessKey)
                .then()
                .body("state", equalTo("WAITING"))
                .body("lastRun.outcome", equalTo("FAILED"));
    }

    @Test
    void aSplitExportWritesPartsWithHeadersAndAManifest() throws Exception {
        Map<String, Object> body = ExporterApi.schedule();
        body.put("parameters", Map.of("status", "BULK"));
        body.put("split", true);
        String businessKey = create(body);
        JsonPath run = as(user).post("/exporter/schedules/" + businessKey + "/run")
                .then()
                .statusCode(200)
                .body("rows", equalTo(100001))
                .body("files", hasSize(3))
                .extract()
                .jsonPath();
        Path directory = RUNS.resolve(businessKey).resolve(run.getString("runId"));
        List<String> names = run.getList("files.name");
        assertThat(names.get(0)).endsWith("_part0001.csv");
        assertThat(names.get(1)).endsWith("_part0002.csv");
        assertThat(names.get(2)).endsWith("_manifest.json");

        JsonNode manifest =
                new ObjectMapper().readTree(directory.resolve(names.get(2)).toFile());
        assertThat(manifest.get("rows").asLong()).isEqualTo(100001);
        for (int part = 0; part < 2; part++) {
            Path partFile = directory.resolve(names.get(part));
            List<String> lines;
            try (Stream<String> stream = Files.lines(partFile)) {
                lines = stream.toList();
            }
            long expectedRows = part == 0 ? 100000 : 1;
            assertThat(lines).hasSize((int) expectedRows + 1);
            assertThat(lines.get(0)).startsWith("instancestatus,");
            JsonNode entry = manifest.get("parts").get(part);
            assertThat(entry.get("name").asText()).isEqualTo(names.get(part));
            assertThat(entry.get("rows").asLong()).isEqualTo(expectedRows);
            assertThat(entry.get("sha256").asText()).isEqualTo(sha256(Files.readAllBytes(partFile)));
        }
    }

    @Test
    void runningACancelledScheduleIs409() {
        String businessKey = create(ExporterApi.schedule());
        as(user).delete("/exporter/schedules/" + businessKey).then().statusCode(200);
        as(user).post("/exporter/schedules/" + businessKey + "/run")
                .then()
                .statusCode(409)
                .body("message", containsString("cancelled"));
        as(user).post("/exporter/schedules/" + businessKey + "/messages/startExport")
                .then()
                .statusCode(409);
        as(user).post("/exporter/schedules/0000-0000-0000-0001/run").then().statusCode(404);
        as(ExporterApi.monitor(dataSource))
                .post("/exporter/schedules/" + businessKey + "/run")
                .then()
                .statusCode(403);
    }

    @Test
    void anUnexpectedFailureIsStoredWithAReferenceNeverItsJavaText() throws Exception {
        Map<String, Object> body = ExporterApi.schedule();
        body.put("parameters", Map.of("status", "CREATED"));
        String businessKey = create(body);
        // A file where the run's directory belongs: writing the run fails with an I/O exception.
        Files.createDirectories(RUNS);
        Files.writeString(RUNS.resolve(businessKey), "in the way");
        String message = as(user).post("/exporter/schedules/" + businessKey + "/run")
                .then()
                .statusCode(422)
                .body("code", equalTo("export-failed"))
                .extract()
                .path("message");
        String stored =
                Sql.single(dataSource, "SELECT error FROM exporter_run WHERE business_key = '" + businessKey + "'");
        String audit = as(user).get("/exporter/schedules/" + businessKey + "/history/audit")
                .then()
                .statusCode(200)
                .extract()
                .path("items[0].event.error");
        String logged = Files.readAllLines(ERRORS_FILE).stream()
                .filter(l -> l.contains("schedule=" + businessKey))
                .findFirst()
                .orElseThrow();
        for (String text : List.of(message, stored, audit, logged)) {
            assertThat(text).contains("failed: an internal error (reference ");
            ExportReaderRoleTest.assertUserTerms(text);
            assertThat(text).doesNotContain("FileAlreadyExists").doesNotContain(RUNS.toString());
        }
    }

    private String create(Map<String, Object> body) {
        return as(user).body(body)
                .post("/exporter/schedules")
                .then()
                .statusCode(201)
                .extract()
                .path("businessKey");
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
