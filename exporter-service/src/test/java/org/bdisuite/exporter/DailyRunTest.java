package org.bdisuite.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bdisuite.exporter.ExporterApi.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.bdisuite.exporter.common.ExporterClock;
import org.bdisuite.exporter.schedule.service.DailyTrigger;
import org.bdisuite.test.EmbeddedPostgresResource;
import org.bdisuite.test.Sql;
import org.bdisuite.test.TestUsers.TestUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The daily run: due lists per frequency and timezone (with a fixed clock), one export at a time, a failing export
 * not stopping the run, exactly once under concurrent calls, the missed day at start. Its own profile gives it its
 * own database, so the only schedules are its own.
 */
@QuarkusTest
@TestProfile(DailyRunTest.OwnDatabase.class)
@WithTestResource(EmbeddedPostgresResource.class)
class DailyRunTest {

    public static class OwnDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("suite.exporter.daily.busy-retries", "2");
        }
    }

    @Inject
    DataSource dataSource;

    @Inject
    ExporterClock clock;

    @Inject
    DailyTrigger trigger;

    @Inject
    org.bdisuite.exporter.schedule.service.RunHeartbeats heartbeats;

    @Inject
    org.bdisuite.exporter.schedule.service.RunRecords records;

    @Inject
    org.bdisuite.exporter.schedule.service.ScheduleRuns runs;

    @Inject
    io.quarkus.mailer.MockMailbox mailbox;

    private TestUser admin;

    @BeforeEach
    void admin() {
        admin = ExporterApi.admin(dataSource);
    }

    @AfterEach
    void cancelEverything() throws Exception {
        clock.use(null);
        Sql.execute(
                dataSource,
                "UPDATE exporter_schedule SET state = 'CANCELLED', cancelled_at = now()"
                        + " WHERE state <> 'CANCELLED'");
    }

    @Test
    void dueDatesFollowEachSchedulesFrequencyAndTimezone() {
        // Monday 30 November 2026, 02:00 UTC: Sunday evening in New York, Monday in Tokyo, November's last day.
        at("2026-11-30T02:00:00Z");
        String sundayNewYork = create(Map.of("type", "weekly", "dayOfWeek", "SUNDAY"), "America/New_York");
        String mondayNewYork = create(Map.of("type", "weekly", "dayOfWeek", "MONDAY"), "America/New_York");
        String mondayUtc = create(Map.of("type", "weekly", "dayOfWeek", "MONDAY"), "UTC");
        String on31st = create(Map.of("type", "monthly", "dayOfMonth", 31), "UTC");
        String on15th = create(Map.of("type", "monthly", "dayOfMonth", 15), "UTC");
        String dailyTokyo = create(Map.of("type", "daily"), "Asia/Tokyo");

        JsonPath result = as(admin)
                .post("/exporter/process-schedules")
                .then()
                .statusCode(200)
                .body("runDate", equalTo("2026-11-30"))
                .extract()
                .jsonPath();
        assertThat(result.getList("due", String.class))
                .containsExactly(sundayNewYork, mondayUtc, on31st, dailyTokyo)
                .doesNotContain(mondayNewYork, on15th);
        assertThat(result.getList("runs.businessKey", String.class))
                .containsExactly(sundayNewYork, mondayUtc, on31st, dailyTokyo);
        assertThat(result.getList("runs.outcome", String.class)).containsOnly("SUCCEEDED");
        assertThat(result.getList("runs.from", String.class)).containsOnly("Schedule");
        assertThat(result.getString("runs.find { it.businessKey == '" + sundayNewYork + "' }.fireDate"))
                .isEqualTo("2026-11-29");

        // The same day again (a re-trigger): nothing is due, nothing is exported twice.
        as(admin)
                .post("/exporter/process-schedules")
                .then()
                .statusCode(200)
                .body("due", hasSize(0))
                .body("runs", hasSize(0));
        as(admin)
                .get("/exporter/schedules/" + mondayUtc + "/history/audit")
                .then()
                .body("total", equalTo(1))
                .body("items[0].event.from", equalTo("Schedule"))
                .body("items[0].event.user", equalTo(admin.username()))
                .body("items[0].event.scheduleFrequency", equalTo("weekly on MONDAY"));

        // February 2027 has 28 days: a schedule on the 31st runs on the 28th.
        at("2027-02-28T02:00:00Z");
        assertThat(as(admin)
                        .post("/exporter/process-schedules")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("due", String.class))
                .contains(on31st)
                .doesNotContain(on15th, mondayUtc);
    }

    @Test
    void aFailingExportIsLoggedAndTheRunMovesOnToTheNext() throws Exception {
        at("2026-12-02T02:00:00Z");
        Sql.execute(
                dataSource,
                "INSERT INTO exporter_demo_appointment (instancestatus, enddatetime,"
                        + " locationbookableid, name, bookableid, appointment, ticketstatus, type, instancebk, startdatetime,"
                        + " status) SELECT 'Active', now(), 1, 'N' || n, n, 'Bulk', 'Booked', 'B', 'bk-' || n, now(),"
                        + " 'DAILY_BULK' FROM generate_series(1, 100001) n");
        String tooBig = create(Map.of("type", "daily"), "UTC", Map.of("status", "DAILY_BULK"));
        String next = create(Map.of("type", "daily"), "UTC", Map.of("status", "CREATED"));

        JsonPath result = as(admin)
                .post("/exporter/process-schedules")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(result.getList("runs.businessKey", String.class)).containsExactly(tooBig, next);
        assertThat(result.getList("runs.outcome", String.class)).containsExactly("FAILED", "SUCCEEDED");
        assertThat(result.getString("runs[0].error")).contains("more than 100000 rows");

        as(admin)
                .get("/exporter/errors")
                .then()
                .statusCode(200)
                .body("items[0].businessKey", equalTo(tooBig))
                .body("items[0].message", containsString("more than 100000 rows"));
        as(admin)
                .get("/exporter/schedules/" + tooBig + "/history/audit")
                .then()
                .body("items[0].event.outcome", equalTo("FAILED"));
        as(admin)
                .get("/exporter/schedules/" + next + "/history/audit")
                .then()
                .body("items[0].event.outcome", equalTo("SUCCEEDED"))
                .body("items[0].event.rows", equalTo(1));
        assertThat(Sql.singleLong(dataSource, "SELECT count(*) FROM exporter_daily_run_item"))
                .isZero();
    }

    @Test
    void twoConcurrentProcessSchedulesExportEachDueScheduleOnce() throws Exception {
        at("2026-12-03T02:00:00Z");
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            keys.add(create(Map.of("type", "daily"), "UTC", Map.of("status", "CREATED")));
        }
        CountDownLatch go = new CountDownLatch(1);
        Callable<JsonPath> call = () -> {
            go.await();
            return as(admin)
                    .post("/exporter/process-schedules")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<JsonPath> first = pool.submit(call);
            Future<JsonPath> second = pool.submit(call);
            go.countDown();
            List<String> exported = new ArrayList<>(first.get().getList("runs.businessKey", String.class));
            exported.addAll(second.get().getList("runs.businessKey", String.class));
            assertThat(exported).containsExactlyInAnyOrderElementsOf(keys);
            assertThat(new HashSet<>(exported)).hasSameSizeAs(exported);
        } finally {
            pool.shutdownNow();
        }
        for (String key : keys) {
            assertThat(Sql.singleLong(
                            dataSource, "SELECT count(*) FROM exporter_run WHERE business_key = '" + key + "'"))
                    .isEqualTo(1);
            assertThat(Sql.singleLong(
                            dataSource,
                            "SELECT count(*) FROM exporter_history_event WHERE labelb = '" + key
                                    + "' AND labelc = 'reporting_audit'"))
                    .isEqualTo(1);
        }
    }

    @Test
    void aDayMissedWhileDownIsProcessedOnceAtStart() throws Exception {
        // 01:00 on a day without a run: the 02:00 trigger is still to come, nothing is missed.
        at("2026-12-05T01:00:00Z");
        String key = create(Map.of("type", "daily"), "UTC", Map.of("status", "CREATED"));
        assertThat(trigger.catchUpMissedDay()).isEmpty();

        // 09:00 with no run stored for the day: missed; processed once, and not again.
        at("2026-12-05T09:00:00Z");
        assertThat(trigger.catchUpMissedDay())
                .hasValueSatisfying(run -> assertThat(run.due()).containsExactly(key));
        assertThat(trigger.catchUpMissedDay()).isEmpty();
        assertThat(Sql.singleLong(
                        dataSource,
                        "SELECT count(*) FROM exporter_run WHERE business_key = '" + key
                                + "' AND fire_date = '2026-12-05'"))
                .isEqualTo(1);
    }

    @Test
    void aRunInterruptedByAStopIsMarkedFailedAndCanBeRetried() throws Exception {
        at("2026-12-07T02:00:00Z");
        String key = create(Map.of("type", "weekly", "dayOfWeek", "SATURDAY"), "UTC");
        long runId = runs.start(key, "Run", admin.username()).runId();
        // The process "stopped" seven hours ago, mid-run: the ledger row and the schedule stayed RUNNING.
        Sql.execute(
                dataSource,
                "UPDATE exporter_run SET started_at = started_at - interval '7 hours',"
                        + " heartbeat_at = heartbeat_at - interval '7 hours' WHERE id = " + runId);

        as(admin).post("/exporter/process-schedules").then().statusCode(200);
        as(admin)
                .get("/exporter/schedules/" + key)
                .then()
                .body("state", equalTo("WAITING"))
                .body("lastRun.outcome", equalTo("FAILED"))
                .body("lastRun.error", containsString("interrupted"));
        as(admin)
                .post("/exporter/runs/" + runId + "/retry")
                .then()
                .statusCode(200)
                .body("outcome", equalTo("SUCCEEDED"));
    }

    /** A replica died two minutes into a run: its heartbeat stopped, and the run is failed long before 6 h. */
    @Test
    void aRunWhoseHeartbeatStoppedIsMarkedFailedByTheHeartbeatOfAnotherReplica() throws Exception {
        at("2026-12-07T02:00:00Z");
        String key = create(Map.of("type", "weekly", "dayOfWeek", "SATURDAY"), "UTC");
        long runId = runs.start(key, "Run", admin.username()).runId();
        at("2026-12-07T02:02:00Z");
        heartbeats.tick();
        as(admin)
                .get("/exporter/schedules/" + key)
                .then()
                .body("state", equalTo("WAITING"))
                .body("lastRun.outcome", equalTo("FAILED"))
                .body("lastRun.error", containsString("interrupted"));
        // Failed once: a second replica's heartbeat finds nothing more to do.
        heartbeats.tick();
        assertThat(Sql.singleLong(
                        dataSource,
                        "SELECT count(*) FROM exporter_history_event WHERE labelb = '" + key
                                + "' AND labelc = 'reporting_audit'"))
                .isEqualTo(1);
        as(admin)
                .post("/exporter/runs/" + runId + "/retry")
                .then()
                .statusCode(200)
                .body("outcome", equalTo("SUCCEEDED"));
    }

    /**
     * A replica whose heartbeat stalled was taken for dead and its run marked FAILED; when that replica's export ends
     * after all, it does not end the run a second time (found by the exporter crash trials: two audit events).
     */
    @Test
    void aRunMarkedInterruptedIsNotEndedAgainByTheReplicaThatWasTakenForDead() throws Exception {
        at("2026-12-07T02:00:00Z");
        String key = create(Map.of("type", "weekly", "dayOfWeek", "SATURDAY"), "UTC");
        org.bdisuite.exporter.schedule.service.ScheduleRuns.StartedRun run = runs.start(key, "Run", admin.username());
        at("2026-12-07T02:02:00Z");
        heartbeats.tick();
        records.succeeded(run, 0, List.of(), null);
        assertThat(Sql.single(dataSource, "SELECT status FROM exporter_run WHERE id = " + run.runId()))
                .isEqualTo("FAILED");
        assertThat(Sql.singleLong(
                        dataSource,
                        "SELECT count(*) FROM exporter_history_event WHERE labelb = '" + key
                                + "' AND labelc = 'reporting_audit'"))
                .isEqualTo(1);
    }

    /** A run that takes longer than suite.exporter.stale-run-after on a live replica is not failed beside it. */
    @Test
    void aLongRunWhoseReplicaRenewsItsHeartbeatIsNotTakenForAnInterruptedOne() throws Exception {
        at("2026-12-07T02:00:00Z");
        String key = create(Map.of("type", "weekly", "dayOfWeek", "SATURDAY"), "UTC");
        long runId = runs.start(key, "Run", admin.username()).runId();
        heartbeats.holding(runId);
        try {
            at("2026-12-07T09:00:00Z");
            heartbeats.tick();
            as(admin).post("/exporter/process-schedules").then().statusCode(200);
            assertThat(Sql.single(dataSource, "SELECT status FROM exporter_run WHERE id = " + runId))
                    .isEqualTo("RUNNING");
        } finally {
            heartbeats.released(runId);
        }
        // Once the replica stops renewing it, the run is found.
        at("2026-12-07T09:02:00Z");
        heartbeats.tick();
        assertThat(Sql.single(dataSource, "SELECT status FROM exporter_run WHERE id = " + runId))
                .isEqualTo("FAILED");
    }

    @Test
    void anInterruptedRunIsRetriedWithTheConfigurationItStartedWith() throws Exception {
        at("2026-12-07T02:00:00Z");
        Map<String, Object> body = ExporterApi.schedule();
        body.put("frequency", Map.of("type", "weekly", "dayOfWeek", "SATURDAY"));
        body.put("timezone", "UTC");
        body.put("parameters", Map.of("status", "CREATED"));
        body.put("recipients", List.of(Map.of("address", "started-with@example.org", "name", "")));
        String key = as(admin)
                .body(body)
                .post("/exporter/schedules")
                .then()
                .statusCode(201)
                .extract()
                .path("businessKey");
        long runId = runs.start(key, "Run", admin.username()).runId();
        // Edited while the run is RUNNING: the edit waits, and is applied when the recovery returns the schedule.
        Map<String, Object> edited = new java.util.HashMap<>(body);
        edited.put("recipients", List.of(Map.of("address", "edited-after-start@example.org", "name", "")));
        as(admin).body(edited).put("/exporter/schedules/" + key).then().statusCode(202);
        Sql.execute(
                dataSource,
                "UPDATE exporter_run SET started_at = started_at - interval '7 hours',"
                        + " heartbeat_at = heartbeat_at - interval '7 hours' WHERE id = " + runId);
        as(admin).post("/exporter/process-schedules").then().statusCode(200);
        as(admin)
                .get("/exporter/schedules/" + key)
                .then()
                .body("state", equalTo("WAITING"))
                .body("lastRun.outcome", equalTo("FAILED"));

        as(admin)
                .post("/exporter/runs/" + runId + "/retry")
                .then()
                .statusCode(200)
                .body("outcome", equalTo("SUCCEEDED"));
        assertThat(mailsTo("started-with@example.org")).isEqualTo(1);
        assertThat(mailsTo("edited-after-start@example.org")).isZero();

        // A new run is started with the edit.
        as(admin).post("/exporter/schedules/" + key + "/run").then().statusCode(200);
        assertThat(mailsTo("edited-after-start@example.org")).isEqualTo(1);
        assertThat(mailsTo("started-with@example.org")).isEqualTo(1);
    }

    private int mailsTo(String address) {
        List<?> mails = mailbox.getMailsSentTo(address);
        return mails == null ? 0 : mails.size();
    }

    @Test
    void onlyAdminsProcessSchedulesAndCancelledSchedulesAreNeverDue() {
        at("2026-12-06T02:00:00Z");
        String cancelled = create(Map.of("type", "daily"), "UTC");
        as(admin).delete("/exporter/schedules/" + cancelled).then().statusCode(200);
        as(ExporterApi.exporter(dataSource))
                .post("/exporter/process-schedules")
                .then()
                .statusCode(403);
        as(admin).post("/exporter/process-schedules").then().statusCode(200).body("due", hasSize(0));
    }

    private void at(String instant) {
        clock.use(Clock.fixed(Instant.parse(instant), ZoneOffset.UTC));
    }

    private String create(Map<String, Object> frequency, String timezone) {
        return create(frequency, timezone, Map.of("status", "CREATED"));
    }

    private String create(Map<String, Object> frequency, String timezone, Map<String, String> parameters) {
        Map<String, Object> body = ExporterApi.schedule();
        body.put("frequency", frequency);
        body.put("timezone", timezone);
        body.put("parameters", parameters);
        return as(admin)
                .body(body)
                .post("/exporter/schedules")
                .then()
                .statusCode(201)
                .extract()
                .path("businessKey");
    }
}
