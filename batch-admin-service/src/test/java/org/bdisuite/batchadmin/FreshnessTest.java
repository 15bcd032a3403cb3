package org.bdisuite.batchadmin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bdisuite.batchadmin.BatchApi.as;
import static org.bdisuite.batchadmin.BatchApi.awaitStatus;
import static org.bdisuite.batchadmin.BatchApi.start;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.bdisuite.batchadmin.service.FreshnessChecks;
import org.bdisuite.batchadmin.service.JobExecutionEvents;
import org.bdisuite.batchadmin.service.NotificationDispatcher;
import org.bdisuite.model.Roles;
import org.bdisuite.runtime.events.SuiteEventKind;
import org.bdisuite.runtime.persistence.SuiteEventStore;
import org.bdisuite.test.EmbeddedPostgresResource;
import org.bdisuite.test.Sql;
import org.bdisuite.test.TestUsers;
import org.bdisuite.test.TestUsers.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Freshness: the gauges at /q/metrics (seconds since the last success per job, export schedule and interface
 * module import; the rules' limits), the failure counters, and a freshness rule's NOT_FRESH event once per episode.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(NotificationMailResource.class)
class FreshnessTest {

    private static final String SINCE = "bdi_freshness_seconds_since_success";

    @Inject
    DataSource dataSource;

    @Inject
    JobExecutionEvents jobEvents;

    @Inject
    FreshnessChecks checks;

    @Inject
    NotificationDispatcher dispatcher;

    @Inject
    SuiteEventStore events;

    private TestUser admin;
    private TestUser operator;
    private TestUser monitor;

    @BeforeEach
    void users() {
        admin = TestUsers.create(dataSource, "freshness-admin", Roles.ADMIN);
        operator = TestUsers.create(dataSource, "freshness-operator", Roles.OPERATOR);
        monitor = TestUsers.create(dataSource, "freshness-monitor", Roles.MONITOR);
    }

    /** The value of one sample at /q/metrics, if it is there. */
    private Optional<Double> sample(String name, String kind, String subject) {
        String metrics =
                as(admin).get("/q/metrics").then().statusCode(200).extract().asString();
        return Arrays.stream(metrics.split("\n"))
                .filter(line -> line.startsWith(name + "{"))
                .filter(line -> kind == null || line.contains("kind=\"" + kind + "\""))
                .filter(line -> subject == null || line.contains("subject=\"" + subject + "\""))
                // the value follows the labels; an exemplar (trace and span id, value, time) may follow the value
                .map(line -> Double.parseDouble(
                        line.substring(line.indexOf("} ") + 2).split(" ")[0]))
                .findFirst();
    }

    private double seconds(String kind, String subject) {
        return sample(SINCE, kind, subject)
                .orElseThrow(() -> new AssertionError("no " + SINCE + " of " + kind + " " + subject));
    }

    @Test
    void gaugesShowSecondsSinceTheLastSuccessPerJobExportScheduleAndInterfaceModuleImport() throws Exception {
        long quick = start(operator, "quick-test-job", null);
        awaitStatus(operator, quick, "COMPLETED");
        // An importer that completed two hours ago (its execution seeded in the job repository) and an export
        // schedule that the exporter recorded as succeeded half an hour ago.
        long instance = Sql.singleLong(
                dataSource,
                "INSERT INTO job_instance (jobname, applicationname) VALUES ('Metrics_Fnd_ImporterJob', 'test')"
                        + " RETURNING jobinstanceid");
        Sql.execute(
                dataSource,
                "INSERT INTO job_execution (jobinstanceid, createtime, starttime, endtime, lastupdatedtime,"
                        + " batchstatus, exitstatus, jobparameters) VALUES (" + instance
                        + ", now() - interval '3 hours',"
                        + " now() - interval '3 hours', now() - interval '2 hours', now(), 'COMPLETED', 'COMPLETED', '')");
        Sql.execute(
                dataSource,
                "INSERT INTO suite_freshness (kind, subject, last_success_at)"
                        + " VALUES ('EXPORT_SCHEDULE', 'daily-appointments', now() - interval '30 minutes')");

        jobEvents.scan();
        checks.check();

        assertThat(seconds("JOB", "quick-test-job")).isBetween(0.0, 600.0);
        assertThat(seconds("JOB", "Metrics_Fnd_ImporterJob")).isBetween(7200.0, 7800.0);
        assertThat(seconds("INTERFACE_MODULE", "Metrics_Fnd")).isBetween(7200.0, 7800.0);
        assertThat(seconds("EXPORT_SCHEDULE", "daily-appointments")).isBetween(1800.0, 2400.0);
        // Connection pool use is there for the dashboard.
        assertThat(sample("agroal_active_count", null, null)).isPresent();
    }

    @Test
    void aSubjectPastItsRuleIsNotFreshOncePerEpisode() throws Exception {
        Sql.execute(
                dataSource,
                "INSERT INTO suite_freshness (kind, subject, last_success_at)"
                        + " VALUES ('JOB', 'Stale_Fnd_ExtractorJob', now() - interval '3 hours')");
        as(admin)
                .contentType(ContentType.JSON)
                .body(Map.of("maxAgeHours", 1))
                .put("/system-setting/freshness-rules/JOB/Stale_Fnd_ExtractorJob")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();

        checks.check();
        checks.check();

        assertThat(notFreshEvents()).isEqualTo(1);
        assertThat(sample("bdi_freshness_max_age_seconds", "JOB", "Stale_Fnd_ExtractorJob"))
                .contains(3600.0);
        assertThat(seconds("JOB", "Stale_Fnd_ExtractorJob")).isBetween(10800.0, 11400.0);
        JsonPath view = as(monitor)
                .get("/system-setting/freshness")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(view.getBoolean("subjects.find { it.subject == 'Stale_Fnd_ExtractorJob' }.fresh"))
                .isFalse();
        assertThat(view.getInt("subjects.find { it.subject == 'Stale_Fnd_ExtractorJob' }.maxAgeHours"))
                .isEqualTo(1);

        // A success ends the episode; staleness after it is a new one.
        Sql.execute(
                dataSource,
                "UPDATE suite_freshness SET last_success_at = now() WHERE subject = 'Stale_Fnd_ExtractorJob'");
        checks.check();
        assertThat(notFreshEvents()).isEqualTo(1);
        assertThat(as(monitor)
                        .get("/system-setting/freshness")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getBoolean("subjects.find { it.subject == 'Stale_Fnd_ExtractorJob' }.fresh"))
                .isTrue();
        Sql.execute(
                dataSource,
                "UPDATE suite_freshness SET last_success_at = now() - interval '2 hours'"
                        + " WHERE subject = 'Stale_Fnd_ExtractorJob'");
        checks.check();
        checks.check();
        assertThat(notFreshEvents()).isEqualTo(2);

        as(admin)
                .delete("/system-setting/freshness-rules/JOB/Stale_Fnd_ExtractorJob")
                .then()
                .statusCode(204);
        checks.check();
        assertThat(sample("bdi_freshness_max_age_seconds", "JOB", "Stale_Fnd_ExtractorJob"))
                .isEmpty();
    }

    private long notFreshEvents() throws Exception {
        return Sql.singleLong(
                dataSource,
                "SELECT count(*) FROM suite_event WHERE kind = 'NOT_FRESH' AND subject = 'JOB:Stale_Fnd_ExtractorJob'");
    }

    @Test
    void eachDispatchedFailureCountsOnceByKind() throws Exception {
        double before = sample("bdi_failures_total", "DATA_SET_FAILED", null).orElseThrow();
        events.record(SuiteEventKind.DATA_SET_FAILED, "Count_Fnd", "data-set:count-1:FAILED", Map.of("dataSetId", 1));
        dispatcher.dispatch();
        dispatcher.dispatch();
        assertThat(sample("bdi_failures_total", "DATA_SET_FAILED", null)).contains(before + 1);
    }
}
