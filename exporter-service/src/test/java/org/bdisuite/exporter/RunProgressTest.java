package org.bdisuite.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bdisuite.exporter.ExporterApi.as;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.bdisuite.test.ConsoleSession;
import org.bdisuite.test.EmbeddedPostgresResource;
import org.bdisuite.test.Sql;
import org.bdisuite.test.TestUsers.TestUser;
import org.junit.jupiter.api.Test;

/**
 * The progress of a running export: rows written recorded on the run row while it runs (at most about once per
 * second), shown in the API's run view and, with the data source's total, as the schedule page's progress bar.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class RunProgressTest {

    private static final int ROWS = 300;

    @Inject
    DataSource dataSource;

    @TestHTTPResource("/")
    URI base;

    @Test
    void aRunLongerThanASecondRecordsItsRowsWrittenAndTheSchedulePageShowsThemOfTheTotal() throws Exception {
        TestUser admin = ExporterApi.admin(dataSource);
        // Row 200 of the data source sleeps while the gate is open: by then COPY has sent the first rows (far more
        // than PostgreSQL's 8 kB send buffer), so the export stays mid-way. Closing the gate lets the console's count
        // of the same query run without the sleep.
        Sql.execute(dataSource, "CREATE TABLE progress_gate (open BOOLEAN)");
        Sql.execute(dataSource, "INSERT INTO progress_gate VALUES (true)");
        Sql.execute(dataSource, "CREATE VIEW export_views.progress_gate AS SELECT open FROM progress_gate");
        Sql.execute(dataSource, "GRANT SELECT ON export_views.progress_gate TO suite_export_reader");
        as(admin)
                .body(Map.of(
                        "name",
                        "slowRows",
                        "description",
                        "rows with a slow one",
                        "sql",
                        "SELECT n, repeat('x', 200) AS pad, CASE WHEN n = 200 AND EXISTS (SELECT 1 FROM"
                                + " export_views.progress_gate) THEN pg_sleep(15)::text END AS slept"
                                + " FROM generate_series(1, " + ROWS + ") AS n"))
                .post("/exporter/data-sources/sql")
                .then()
                .statusCode(201);
        Map<String, Object> schedule = ExporterApi.schedule();
        schedule.put("dataSource", "slowRows");
        String businessKey = as(admin)
                .body(schedule)
                .post("/exporter/schedules")
                .then()
                .statusCode(201)
                .extract()
                .path("businessKey");

        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> as(admin)
                .post("/exporter/schedules/" + businessKey + "/run")
                .then()
                .extract()
                .statusCode());
        List<String> recorded = awaitRecordedProgress(businessKey);
        long runId = Long.parseLong(recorded.get(0));
        long rowsWritten = Long.parseLong(recorded.get(1));
        assertThat(rowsWritten).isBetween(1L, ROWS - 1L);
        Sql.execute(dataSource, "DELETE FROM progress_gate");

        // The API's view of the running run carries the rows written.
        long shown = ((Number) as(admin)
                        .get("/exporter/schedules/" + businessKey)
                        .then()
                        .statusCode(200)
                        .body("lastRun.outcome", equalTo("RUNNING"))
                        .extract()
                        .path("lastRun.rowsWritten"))
                .longValue();
        assertThat(shown).isBetween(1L, ROWS - 1L);

        // The schedule page shows the bar (rows done of the data source's rows) and polls its fragment.
        ConsoleSession console = ConsoleSession.signIn(base, admin.username(), admin.password());
        String page = console.get("/console/exporter/schedules/" + businessKey).body();
        assertThat(page)
                .contains("id=\"run-progress\"")
                .contains("hx-get=\"/console/exporter/runs/" + runId + "/progress\"")
                .containsPattern("<progress id=\"run-bar\" max=\"" + ROWS + "\" value=\"\\d+\">\\d+ of " + ROWS
                        + " rows</progress>");
        ConsoleSession.Answer fragment = console.get("/console/exporter/runs/" + runId + "/progress");
        assertThat(fragment.status()).isEqualTo(200);
        assertThat(fragment.body())
                .contains("hx-trigger=\"every 1s\"")
                .containsPattern("id=\"run-percent\">\\d+ of " + ROWS + " rows");

        // A user whose role has no export pages sees no run's progress.
        TestUser operator = ExporterApi.operator(dataSource);
        assertThat(ConsoleSession.signIn(base, operator.username(), operator.password())
                        .get("/console/exporter/runs/" + runId + "/progress")
                        .status())
                .isEqualTo(403);

        assertThat(run.get(2, TimeUnit.MINUTES)).isEqualTo(200);
        String ended =
                console.get("/console/exporter/runs/" + runId + "/progress").body();
        assertThat(ended).contains("SUCCEEDED").contains(ROWS + " rows").doesNotContain("hx-get");
    }

    /** Waits (up to a minute) until the schedule's running run has recorded rows written; its id and rows. */
    private List<String> awaitRecordedProgress(String businessKey) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        while (Instant.now().isBefore(deadline)) {
            List<String> row = Sql.column(
                    dataSource,
                    "SELECT unnest(ARRAY[id::text, rows_written::text]) FROM exporter_run WHERE business_key = '"
                            + businessKey + "' AND status = 'RUNNING' AND rows_written > 0");
            if (!row.isEmpty()) {
                return row;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("The running export recorded no progress within a minute");
    }
}
