package org.bdisuite.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bdisuite.exporter.ExporterApi.as;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.bdisuite.test.EmbeddedPostgresResource;
import org.bdisuite.test.Sql;
import org.bdisuite.test.TestUsers.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The exporter's retention purge (POST /exporter/purge): EXPORT_RUN_FILES, FILE_JOB_FILES, AUDIT_HISTORY. Old ended
 * data goes with its files; running, young or still downloadable data stays; a dry run changes nothing and reports
 * what the purge then deletes.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class RetentionPurgeTest {

    private static final String OLD = "now() - interval '400 days'";
    private static final String YOUNG = "now() - interval '1 day'";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final Path RUNS = Path.of("target/exporter-test/runs");
    private static final Path JOBS = Path.of("target/exporter-test/services");

    @Inject
    DataSource dataSource;

    private TestUser admin;

    @BeforeEach
    void users() {
        admin = ExporterApi.admin(dataSource);
    }

    private JsonPath purge(String kind, boolean dryRun) {
        return as(admin)
                .queryParam("kind", kind)
                .queryParam("dryRun", dryRun)
                .post("/exporter/purge")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** A run with two recorded files, written in its folder; returns the folder. */
    private Path run(String businessKey, String status, String finished) throws Exception {
        long id = Sql.singleLong(
                dataSource,
                "INSERT INTO exporter_run (business_key, fire_date, started_from, started_by, status, started_at,"
                        + " finished_at) VALUES ('" + businessKey + "', current_date, 'Run', 'test', '" + status
                        + "', " + finished + ", " + (status.equals("RUNNING") ? "NULL" : finished) + ") RETURNING id");
        Path folder = RUNS.resolve(businessKey).resolve(Long.toString(id));
        Files.createDirectories(folder);
        for (String name : new String[] {"part_1.csv", "_manifest.json"}) {
            Files.writeString(folder.resolve(name), "a,b\n1,2\n");
            Sql.execute(
                    dataSource,
                    "INSERT INTO exporter_run_file (run_id, name, bytes, sha256) VALUES (" + id + ", '" + name
                            + "', 8, '" + "0".repeat(64) + "')");
        }
        return folder;
    }

    private long count(String sql) throws Exception {
        return Sql.singleLong(dataSource, sql);
    }

    @Test
    void filesOfOldEndedRunsGoAndTheLedgerStays() throws Exception {
        int n = SEQUENCE.incrementAndGet();
        Path old = run("purge-old-" + n, "SUCCEEDED", OLD);
        Path oldFailed = run("purge-failed-" + n, "FAILED", OLD);
        Path running = run("purge-running-" + n, "RUNNING", OLD);
        Path young = run("purge-young-" + n, "SUCCEEDED", YOUNG);

        JsonPath dry = purge("EXPORT_RUN_FILES", true);

        assertThat(dry.getLong("kinds[0].rows")).isEqualTo(4);
        assertThat(dry.getLong("kinds[0].bytes")).isEqualTo(32);
        assertThat(old).isDirectory();

        JsonPath done = purge("EXPORT_RUN_FILES", false);

        assertThat(done.getLong("kinds[0].rows")).isEqualTo(4);
        assertThat(done.getLong("kinds[0].bytes")).isEqualTo(32);
        assertThat(old).doesNotExist();
        assertThat(oldFailed).doesNotExist();
        assertThat(running.resolve("part_1.csv")).exists();
        assertThat(young.resolve("part_1.csv")).exists();
        long oldRun = Long.parseLong(old.getFileName().toString());
        assertThat(count("SELECT count(*) FROM exporter_run_file WHERE run_id = " + oldRun))
                .isZero();
        assertThat(count("SELECT count(*) FROM exporter_run WHERE id = " + oldRun))
                .isEqualTo(1);
        as(admin).get("/exporter/runs/" + oldRun + "/files/part_1.csv").then().statusCode(404);
        assertThat(count("SELECT count(*) FROM exporter_run_file WHERE run_id = "
                        + Long.parseLong(running.getFileName().toString())))
                .isEqualTo(2);
    }

    private String fileJob(String state, String finished) throws Exception {
        String id = UUID.randomUUID().toString();
        Sql.execute(
                dataSource,
                "INSERT INTO exporter_service_file_job (id, state, format, time_from, time_to, filter_events,"
                        + " filter_state, created_by, created_at, updated_at, finished_at) VALUES ('" + id + "', '"
                        + state + "', 'CSV', now(), now(), 'started', 'all', 'test', " + finished + ", " + finished
                        + ", " + finished + ")");
        Path folder = JOBS.resolve(id).resolve("1");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("services_1.csv"), "id\n1\n");
        Sql.execute(
                dataSource,
                "INSERT INTO exporter_service_file_job_file (job_id, name, bytes, sha256) VALUES ('" + id
                        + "', 'services_1.csv', 5, '" + "0".repeat(64) + "')");
        return id;
    }

    @Test
    void endedFileJobsGoAndDownloadableOnesStay() throws Exception {
        String failed = fileJob("FAILED", OLD);
        String expired = fileJob("EXPIRED", OLD);
        String succeeded = fileJob("SUCCEEDED", OLD);
        String young = fileJob("FAILED", YOUNG);

        JsonPath dry = purge("FILE_JOB_FILES", true);

        // Two jobs with one file row each; a folder of 5 bytes each.
        assertThat(dry.getLong("kinds[0].rows")).isEqualTo(4);
        assertThat(dry.getLong("kinds[0].bytes")).isEqualTo(10);
        assertThat(JOBS.resolve(failed)).isDirectory();

        JsonPath done = purge("FILE_JOB_FILES", false);

        assertThat(done.getLong("kinds[0].rows")).isEqualTo(4);
        assertThat(done.getLong("kinds[0].bytes")).isEqualTo(10);
        assertThat(JOBS.resolve(failed)).doesNotExist();
        assertThat(JOBS.resolve(expired)).doesNotExist();
        assertThat(Sql.column(
                        dataSource,
                        "SELECT id FROM exporter_service_file_job WHERE id IN ('" + failed + "', '" + expired + "', '"
                                + succeeded + "', '" + young + "') ORDER BY created_at"))
                .containsExactlyInAnyOrder(succeeded, young);
        assertThat(JOBS.resolve(succeeded).resolve("1/services_1.csv")).exists();
        assertThat(JOBS.resolve(young).resolve("1/services_1.csv")).exists();
    }

    @Test
    void oldHistoryEventsAndErrorEntriesGo() throws Exception {
        String key = "purge-audit-" + SEQUENCE.incrementAndGet();
        for (String when : new String[] {OLD, YOUNG}) {
            Sql.execute(
                    dataSource,
                    "INSERT INTO exporter_history_event (labela, labelb, labelc, event, recorded_at) VALUES"
                            + " ('goss', '" + key + "', 'reporting_audit', '{}'::jsonb, " + when + ")");
            Sql.execute(
                    dataSource,
                    "INSERT INTO exporter_error (occurred_at, business_key, message) VALUES (" + when + ", '" + key
                            + "', 'failed')");
        }

        JsonPath dry = purge("AUDIT_HISTORY", true);

        assertThat(dry.getLong("kinds[0].rows")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM exporter_history_event WHERE labelb = '" + key + "'"))
                .isEqualTo(2);

        JsonPath done = purge("AUDIT_HISTORY", false);

        assertThat(done.getLong("kinds[0].rows")).isEqualTo(2);
        assertThat(done.getLong("kinds[0].bytes")).isEqualTo(dry.getLong("kinds[0].bytes"));
        assertThat(count("SELECT count(*) FROM exporter_history_event WHERE labelb = '" + key
                        + "' AND recorded_at > now() - interval '2 days'"))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM exporter_history_event WHERE labelb = '" + key + "'"))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM exporter_error WHERE business_key = '" + key + "'"))
                .isEqualTo(1);
    }

    @Test
    void onlyAdministratorsPurgeAndBadInputIsA400() {
        as(ExporterApi.exporter(dataSource))
                .queryParam("dryRun", "true")
                .post("/exporter/purge")
                .then()
                .statusCode(403);
        as(ExporterApi.monitor(dataSource)).post("/exporter/purge").then().statusCode(403);
        as(admin).queryParam("dryRun", "1").post("/exporter/purge").then().statusCode(400);
        as(admin)
                .queryParam("kind", "RECEIVER_DATA")
                .post("/exporter/purge")
                .then()
                .statusCode(400);
        JsonPath all = as(admin)
                .queryParam("dryRun", "true")
                .post("/exporter/purge")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(all.getList("kinds.kind", String.class))
                .containsExactly("AUDIT_HISTORY", "EXPORT_RUN_FILES", "FILE_JOB_FILES");
    }
}
