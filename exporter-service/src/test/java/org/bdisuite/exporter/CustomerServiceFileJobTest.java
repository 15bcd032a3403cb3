package org.bdisuite.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bdisuite.exporter.ExporterApi.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.bdisuite.test.EmbeddedPostgresResource;
import org.bdisuite.test.Sql;
import org.bdisuite.test.TestUsers.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Services file-export jobs: CSV and JSON parts (100 rows each in this profile) plus a manifest, compared with the
 * content stream; progress; downloads with Range; a job whose runner stopped is run again (or failed after the
 * last attempt); finished files are deleted after the retention time.
 */
@QuarkusTest
@TestProfile(CustomerServiceFileJobTest.SmallParts.class)
@WithTestResource(EmbeddedPostgresResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CustomerServiceFileJobTest {

    /** Parts of 100 rows, so that 250 services make three parts. */
    public static class SmallParts implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("suite.exporter.max-rows", "100");
        }
    }

    private static final String FROM = "2033-01-01T00:00:00Z";
    private static final String TO = "2033-01-02T00:00:00Z";
    private static final String SELECTION = "time_from=" + FROM + "&time_to=" + TO;
    private static final Path FILES = Path.of("target/exporter-test/services");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    DataSource dataSource;

    private TestUser monitor;

    @BeforeEach
    void seedOnce() {
        if (monitor != null) {
            return;
        }
        monitor = ExporterApi.monitor(dataSource);
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= 250; i++) {
            String end = i % 3 == 0 ? ",\"endTime\":\"2033-01-01T12:00:00Z\"" : "";
            lines.append("{\"type\":\"chat\",\"customerId\":\"cust-file-")
                    .append(i)
                    .append("\",\"content\":{\"n\":")
                    .append(i)
                    .append(",\"note\":\"comma, \\\"quote\\\" and\\nnewline\"},\"startTime\":\"2033-01-01T10:00:")
                    .append(String.format("%02d", i % 60))
                    .append("Z\"")
                    .append(end)
                    .append("}\n");
        }
        as(ExporterApi.operator(dataSource))
                .contentType("application/x-ndjson")
                .body(lines.toString().getBytes(StandardCharsets.UTF_8))
                .post("/exporter/services/bulk")
                .then()
                .statusCode(200)
                .body("created", equalTo(250));
    }

    private JsonNode stream() throws Exception {
        return JSON.readTree(as(monitor)
                .get("/exporter/services/export?export_content=true&" + SELECTION)
                .then()
                .statusCode(200)
                .extract()
                .asString());
    }

    private JsonPath runJob(String format) {
        String location = as(monitor)
                .post("/exporter/services/export/files?format=" + format + "&" + SELECTION)
                .then()
                .statusCode(202)
                .body("state", equalTo("QUEUED"))
                .extract()
                .header("Location");
        assertThat(location).contains("/exporter/services/export/files/");
        return awaitState(location.substring(location.indexOf("/exporter/")), "SUCCEEDED");
    }

    private JsonPath awaitState(String jobPath, String state) {
        long deadline = System.currentTimeMillis() + 90_000;
        JsonPath job;
        do {
            job = as(monitor).get(jobPath).then().statusCode(200).extract().jsonPath();
            if (state.equals(job.getString("state"))) {
                return job;
            }
            sleep();
        } while (System.currentTimeMillis() < deadline);
        throw new AssertionError(
                "Job " + jobPath + " is " + job.getString("state") + ", not " + state + ": " + job.prettify());
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private byte[] download(JsonPath job, int file) throws Exception {
        byte[] bytes = as(monitor)
                .get(job.getString("files[" + file + "].url"))
                .then()
                .statusCode(200)
                .header("Accept-Ranges", "bytes")
                .extract()
                .asByteArray();
        assertThat((long) bytes.length).isEqualTo(job.getLong("files[" + file + "].bytes"));
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)))
                .isEqualTo(job.getString("files[" + file + "].sha256"));
        return bytes;
    }

    private static void assertParts(JsonPath job) {
        assertThat(job.getList("files.name", String.class))
                .containsExactly(
                        "services_part0001." + extension(job),
                        "services_part0002." + extension(job),
                        "services_part0003." + extension(job),
                        "services_manifest.json");
        assertThat(job.getList("files.rows", Integer.class)).containsExactly(100, 100, 50, null);
        assertThat(job.getLong("rowsWritten")).isEqualTo(250);
        assertThat(job.getString("finishedAt")).isNotNull();
        assertThat(job.getString("expiresAt")).isNotNull();
    }

    private static String extension(JsonPath job) {
        return job.getString("format").toLowerCase();
    }

    @Test
    void aJsonJobWritesTheStreamsServicesInPartsWithAManifest() throws Exception {
        JsonPath job = runJob("JSON");
        assertParts(job);
        List<JsonNode> fromFiles = new ArrayList<>();
        for (int part = 0; part < 3; part++) {
            JSON.readTree(download(job, part)).forEach(fromFiles::add);
        }
        List<JsonNode> streamed = new ArrayList<>();
        stream().forEach(streamed::add);
        assertThat(streamed).hasSize(250);
        assertThat(fromFiles).containsExactlyElementsOf(streamed);

        JsonNode manifest = JSON.readTree(download(job, 3));
        assertThat(manifest.get("rows").asLong()).isEqualTo(250);
        assertThat(manifest.get("parts").get(0).get("sha256").asText()).isEqualTo(job.getString("files[0].sha256"));
    }

    @Test
    void aCsvJobWritesTheStreamsServicesAsRows() throws Exception {
        JsonPath job = runJob("CSV");
        assertParts(job);
        List<List<String>> rows = new ArrayList<>();
        for (int part = 0; part < 3; part++) {
            List<List<String>> records = Csv.parse(new String(download(job, part), StandardCharsets.UTF_8));
            assertThat(records.get(0))
                    .containsExactly("id", "type", "customerId", "state", "startedAt", "completedAt", "content");
            rows.addAll(records.subList(1, records.size()));
        }
        JsonNode streamed = stream();
        assertThat(rows).hasSize(streamed.size());
        for (int i = 0; i < rows.size(); i++) {
            JsonNode service = streamed.get(i);
            List<String> row = rows.get(i);
            assertThat(row.subList(0, 6))
                    .containsExactly(
                            service.get("id").asText(),
                            service.get("type").asText(),
                            service.get("customerId").asText(),
                            service.get("state").asText(),
                            service.get("startedAt").asText(),
                            service.get("completedAt").isNull()
                                    ? ""
                                    : service.get("completedAt").asText());
            assertThat(JSON.readTree(row.get(6))).isEqualTo(service.get("content"));
        }
    }

    @Test
    void downloadsServeSingleRangesAndRefuseBadNames() throws Exception {
        JsonPath job = runJob("CSV");
        byte[] whole = download(job, 0);
        String url = job.getString("files[0].url");
        byte[] head = as(monitor)
                .header("Range", "bytes=0-9")
                .get(url)
                .then()
                .statusCode(206)
                .header("Content-Range", "bytes 0-9/" + whole.length)
                .extract()
                .asByteArray();
        assertThat(head).isEqualTo(Arrays.copyOfRange(whole, 0, 10));
        byte[] tail = as(monitor)
                .header("Range", "bytes=-5")
                .get(url)
                .then()
                .statusCode(206)
                .header("Content-Range", "bytes " + (whole.length - 5) + "-" + (whole.length - 1) + "/" + whole.length)
                .extract()
                .asByteArray();
        assertThat(tail).isEqualTo(Arrays.copyOfRange(whole, whole.length - 5, whole.length));
        byte[] from = as(monitor)
                .header("Range", "bytes=100-")
                .get(url)
                .then()
                .statusCode(206)
                .extract()
                .asByteArray();
        assertThat(from).isEqualTo(Arrays.copyOfRange(whole, 100, whole.length));
        as(monitor)
                .header("Range", "bytes=" + whole.length + "-")
                .get(url)
                .then()
                .statusCode(416)
                .header("Content-Range", "bytes */" + whole.length)
                .body("message", containsString("not satisfiable"));

        String jobPath = "/exporter/services/export/files/" + job.getString("jobId");
        as(monitor).get(jobPath + "/services_part0009.csv").then().statusCode(404);
        as(monitor).get(jobPath + "/..%2F..%2Fexporter-test").then().statusCode(404);
        as(monitor).get(jobPath + "/.services_part0001.csv.tmp").then().statusCode(404);
        as(monitor)
                .get("/exporter/services/export/files/not-a-job/services_part0001.csv")
                .then()
                .statusCode(404);
        as(monitor)
                .get("/exporter/services/export/files/" + UUID.randomUUID())
                .then()
                .statusCode(404);
    }

    @Test
    void aJobWhoseRunnerStoppedIsRunAgainAndFailsAfterTheLastAttempt() throws Exception {
        String orphan = insertRunningJob(1);
        JsonPath rerun = awaitState("/exporter/services/export/files/" + orphan, "SUCCEEDED");
        assertThat(rerun.getInt("attempts")).isEqualTo(2);
        assertThat(rerun.getLong("rowsWritten")).isEqualTo(250);
        assertThat(Sql.single(
                        dataSource, "SELECT owner_instance FROM exporter_service_file_job WHERE id = '" + orphan + "'"))
                .isNotEqualTo("stopped-instance");

        String exhausted = insertRunningJob(3);
        JsonPath failed = awaitState("/exporter/services/export/files/" + exhausted, "FAILED");
        assertThat(failed.getString("error")).contains("runner stopped 3 times");
        as(monitor)
                .get("/exporter/services/export/files/" + exhausted + "/services_part0001.csv")
                .then()
                .statusCode(409);
    }

    /** A job as a stopped instance leaves it: RUNNING, its heartbeat an hour old. */
    private String insertRunningJob(int attempts) throws Exception {
        String id = UUID.randomUUID().toString();
        Sql.execute(
                dataSource,
                "INSERT INTO exporter_service_file_job (id, state, format, time_from, time_to,"
                        + " filter_events, filter_state, rows_written, attempts, owner_instance, created_by, created_at,"
                        + " updated_at, heartbeat_at) VALUES ('" + id + "', 'RUNNING', 'CSV', '" + FROM + "', '" + TO
                        + "', 'any', 'any', 120, " + attempts + ", 'stopped-instance', 'someone', now(), now(),"
                        + " now() - interval '1 hour')");
        return id;
    }

    @Test
    void finishedFilesAreDeletedAfterTheRetentionTime() throws Exception {
        JsonPath job = runJob("JSON");
        String id = job.getString("jobId");
        assertThat(Files.list(FILES.resolve(id).resolve("1")).count()).isEqualTo(4);
        Sql.execute(
                dataSource,
                "UPDATE exporter_service_file_job SET expires_at = now() - interval '1 minute'" + " WHERE id = '" + id
                        + "'");
        JsonPath expired = awaitState("/exporter/services/export/files/" + id, "EXPIRED");
        assertThat(expired.getList("files")).isEmpty();
        assertThat(FILES.resolve(id)).doesNotExist();
        as(monitor)
                .get(job.getString("files[0].url"))
                .then()
                .statusCode(404)
                .body("message", containsString("no longer kept"));
    }

    /** RFC 4180 records (quoted fields with doubled quotes, CRLF record ends). */
    static final class Csv {

        static List<List<String>> parse(String text) {
            List<List<String>> records = new ArrayList<>();
            List<String> record = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        field.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    record.add(field.toString());
                    field.setLength(0);
                } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    record.add(field.toString());
                    field.setLength(0);
                    records.add(record);
                    record = new ArrayList<>();
                    i++;
                } else {
                    field.append(c);
                }
            }
            return records;
        }
    }
}
