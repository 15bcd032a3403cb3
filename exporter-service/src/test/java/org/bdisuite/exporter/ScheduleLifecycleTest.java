package org.bdisuite.exporter;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.bdisuite.exporter.ExporterApi.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.bdisuite.exporter.schedule.service.ScheduleRuns;
import org.bdisuite.test.EmbeddedPostgresResource;
import org.bdisuite.test.Sql;
import org.bdisuite.test.TestUsers.TestUser;
import org.junit.jupiter.api.Test;

/** Schedules as long-lived instances: create, view, edit, cancel, the state rules and the config history. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class ScheduleLifecycleTest {

    @Inject
    DataSource dataSource;

    @Inject
    ScheduleRuns runs;

    @Test
    void createAnswers201WithLocationAndBusinessKeyAndStartsAWaitingInstance() {
        TestUser user = ExporterApi.exporter(dataSource);
        Map<String, Object> body = ExporterApi.schedule();
        body.put("frequency", Map.of("type", "weekly", "dayOfWeek", "MONDAY"));
        body.put("parameters", Map.of("status", "CREATED"));

        ExtractableResponse<Response> created = as(user).body(body)
                .post("/exporter/schedules")
                .then()
                .statusCode(201)
                .body("businessKey", matchesPattern("\\d{4}-\\d{4}-\\d{4}-\\d{4}"))
                .body("state", equalTo("WAITING"))
                .body("createdBy", equalTo(user.username()))
                .body("configuration.dataSource", equalTo("sampleAppointments"))
                .body("configuration.fileType", equalTo("CSV"))
                .body("configuration.operations", contains("EMAIL"))
                .body("configuration.recipients[0].address", equalTo("support@example.org"))
                .body("configuration.frequency.type", equalTo("weekly"))
                .body("configuration.frequency.dayOfWeek", equalTo("MONDAY"))
                .body("configuration.dateFormat", equalTo("ISO_DATE"))
                .body("configuration.timezone", equalTo("Europe/London"))
                .body("configuration.parameters.status", equalTo("CREATED"))
                .body("configuration.split", equalTo(false))
                .body("lastRun", nullValue())
                .body("nextFireTimes", hasSize(3))
                .extract();
        String businessKey = created.path("businessKey");
        assertThat(created.header("Location")).endsWith("/exporter/schedules/" + businessKey);

        as(user).get(created.header("Location"))
                .then()
                .statusCode(200)
                .body("businessKey", equalTo(businessKey))
                .body("state", equalTo("WAITING"));
        // Every next fire time is on a Monday (weekly on MONDAY) at the trigger's 02:00 UTC.
        List<String> next = as(user).get("/exporter/schedules/" + businessKey).path("nextFireTimes");
        assertThat(next)
                .allSatisfy(
                        time -> assertThat(java.time.OffsetDateTime.parse(time).getDayOfWeek())
                                .isEqualTo(java.time.DayOfWeek.MONDAY));

        as(user).get("/exporter/schedules/" + businessKey + "/history/configs")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].label.labela", equalTo("_DataExporter"))
                .body("items[0].label.labelb", equalTo(businessKey))
                .body("items[0].label.labelc", equalTo("configs"))
                .body("items[0].event.dataSource", equalTo("sampleAppointments"))
                .body("items[0].event.user", equalTo(user.username()))
                .body("items[0].event.recipients[0].name", equalTo("Support"));
    }

    @Test
    void onlyDataExportersAndAdminsCreateSchedules() throws Exception {
        long before = count();
        as(ExporterApi.monitor(dataSource))
                .body(ExporterApi.schedule())
                .post("/exporter/schedules")
                .then()
                .statusCode(403)
                .body("status", equalTo("FORBIDDEN"));
        given().contentType("application/json")
                .body(ExporterApi.schedule())
                .post("/exporter/schedules")
                .then()
                .statusCode(401);
        assertThat(count()).isEqualTo(before);
        as(ExporterApi.admin(dataSource))
                .body(ExporterApi.schedule())
                .post("/exporter/schedules")
                .then()
                .statusCode(201);
    }

    @Test
    void listIsPaged() {
        TestUser user = ExporterApi.exporter(dataSource);
        for (int i = 0; i < 3; i++) {
            create(user);
        }
        ExtractableResponse<Response> page = as(user).get("/exporter/schedules?page=0&size=2")
                .then()
                .statusCode(200)
                .body("page", equalTo(0))
                .body("size", equalTo(2))
                .body("items", hasSize(2))
                .extract();
        int total = page.path("total");
        assertThat(total).isGreaterThanOrEqualTo(3);
        as(user).get("/exporter/schedules?page=" + ((total - 1) / 2) + "&size=2")
                .then()
                .statusCode(200)
                .body("items", hasSize(total % 2 == 0 ? 2 : 1));
        as(user).get("/exporter/schedules?size=0").then().statusCode(400);
    }

    @Test
    void aPageWhoseFirstRowIsBeyondTheIntegerRangeIs400NotAServerError() {
        TestUser user = ExporterApi.exporter(dataSource);
        String businessKey = create(user);
        // page * size overflowed into a negative first row (found by the contract fuzz).
        as(user).get("/exporter/schedules?page=2147483646&size=312")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("page"));
        as(user).get("/exporter/schedules/" + businessKey + "/history/audit?page=2147483646")
                .then()
                .statusCode(400);
        as(user).get("/exporter/errors?page=4294968&size=500").then().statusCode(400);
        as(user).get("/exporter/schedules?page=4294967&size=500")
                .then()
                .statusCode(200)
                .body("items", hasSize(0));
    }

    @Test
    void editAtTheGatewayIsAppliedAndRecordedInTheConfigHistory() {
        TestUser user = ExporterApi.exporter(dataSource);
        String businessKey = create(user);
        Map<String, Object> changed = ExporterApi.schedule();
        changed.put("description", "Monthly appointments");
        changed.put("fileType", "JSON");
        changed.put("frequency", Map.of("type", "monthly", "dayOfMonth", 31));

        as(user).body(changed)
                .put("/exporter/schedules/" + businessKey)
                .then()
                .statusCode(200)
                .body("configuration.description", equalTo("Monthly appointments"))
                .body("configuration.fileType", equalTo("JSON"))
                .body("configuration.frequency.dayOfMonth", equalTo(31));
        changed.put("description", "By message");
        as(user).body(changed)
                .post("/exporter/schedules/" + businessKey + "/messages/editExport")
                .then()
                .statusCode(200)
                .body("configuration.description", equalTo("By message"));

        as(user).get("/exporter/schedules/" + businessKey + "/history/configs")
                .then()
                .statusCode(200)
                .body("total", equalTo(3))
                .body("items.event.description", contains("By message", "Monthly appointments", "Appointments export"));
    }

    @Test
    void cancelEndsTheInstanceRepeatedCancelIsANoOpAndEveryOtherMessageIs409() {
        TestUser user = ExporterApi.exporter(dataSource);
        String businessKey = create(user);

        as(user).delete("/exporter/schedules/" + businessKey)
                .then()
                .statusCode(200)
                .body("state", equalTo("CANCELLED"))
                .body("cancelledAt", notNullValue())
                .body("nextFireTimes", hasSize(0));
        String cancelledAt = as(user).get("/exporter/schedules/" + businessKey).path("cancelledAt");
        as(user).delete("/exporter/schedules/" + businessKey)
                .then()
                .statusCode(200)
                .body("state", equalTo("CANCELLED"))
                .body("cancelledAt", equalTo(cancelledAt));
        as(user).post("/exporter/schedules/" + businessKey + "/messages/cancelExport")
                .then()
                .statusCode(200);

        as(user).body(ExporterApi.schedule())
                .put("/exporter/schedules/" + businessKey)
                .then()
                .statusCode(409)
                .body("status", equalTo("CONFLICT"))
                .body("message", containsString("cancelled"));
        as(user).body(ExporterApi.schedule())
                .post("/exporter/schedules/" + businessKey + "/messages/editExport")
                .then()
                .statusCode(409);

        // The histories outlive the instance.
        as(user).get("/exporter/schedules/" + businessKey + "/history/configs")
                .then()
                .statusCode(200)
                .body("total", equalTo(1));
        as(user).get("/exporter/schedules/" + businessKey + "/history/audit")
                .then()
                .statusCode(200)
                .body("total", equalTo(0));
    }

    @Test
    void anEditDuringARunIsAppliedWhenTheRunReturns() {
        TestUser user = ExporterApi.exporter(dataSource);
        String businessKey = create(user);
        runs.start(businessKey, "Run", user.username());

        Map<String, Object> changed = ExporterApi.schedule();
        changed.put("description", "Changed while running");
        as(user).body(changed)
                .put("/exporter/schedules/" + businessKey)
                .then()
                .statusCode(202)
                .body("state", equalTo("RUNNING"))
                .body("configuration.description", equalTo("Appointments export"))
                .body("pendingConfiguration.description", equalTo("Changed while running"));
        as(user).get("/exporter/schedules/" + businessKey + "/history/configs")
                .then()
                .body("total", equalTo(1));

        runs.returnToGateway(businessKey);

        as(user).get("/exporter/schedules/" + businessKey)
                .then()
                .statusCode(200)
                .body("state", equalTo("WAITING"))
                .body("configuration.description", equalTo("Changed while running"))
                .body("pendingConfiguration", nullValue())
                .body("lastRun.from", equalTo("Run"));
        as(user).get("/exporter/schedules/" + businessKey + "/history/configs")
                .then()
                .body("total", equalTo(2))
                .body("items[0].event.description", equalTo("Changed while running"))
                .body("items[0].event.user", equalTo(user.username()));
    }

    @Test
    void aRunNowOfARunningScheduleIs409AndTheScheduleRunsAgainOnceBackAtItsGateway() throws Exception {
        TestUser user = ExporterApi.exporter(dataSource);
        String businessKey = create(user);
        runs.start(businessKey, "Run", user.username());

        as(user).post("/exporter/schedules/" + businessKey + "/run")
                .then()
                .statusCode(409)
                .body("code", equalTo("schedule-running"));
        assertThat(Sql.singleLong(
                        dataSource, "SELECT count(*) FROM exporter_run WHERE business_key = '" + businessKey + "'"))
                .isEqualTo(1);

        runs.returnToGateway(businessKey);
        ScheduleRuns.StartedRun again = runs.start(businessKey, "Run", user.username());

        assertThat(again.configuration().description()).isEqualTo("Appointments export");
        // the run's row keeps the configuration it started with, copied from the schedule's row
        assertThat(Sql.single(
                        dataSource,
                        "SELECT status || ' ' || (configuration ->> 'description') FROM exporter_run WHERE id = "
                                + again.runId()))
                .isEqualTo("RUNNING Appointments export");
        as(user).get("/exporter/schedules/" + businessKey)
                .then()
                .statusCode(200)
                .body("state", equalTo("RUNNING"));
    }

    @Test
    void aCancelDuringARunEndsTheInstanceWhenTheRunReturns() {
        TestUser user = ExporterApi.exporter(dataSource);
        String businessKey = create(user);
        runs.start(businessKey, "Run", user.username());

        as(user).delete("/exporter/schedules/" + businessKey)
                .then()
                .statusCode(202)
                .body("state", equalTo("RUNNING"))
                .body("cancelRequested", equalTo(true));
        // Being cancelled: a repeated cancel is still a no-op, an edit is refused.
        as(user).delete("/exporter/schedules/" + businessKey).then().statusCode(202);
        as(user).body(ExporterApi.schedule())
                .put("/exporter/schedules/" + businessKey)
                .then()
                .statusCode(409);

        runs.returnToGateway(businessKey);
        as(user).get("/exporter/schedules/" + businessKey)
                .then()
                .statusCode(200)
                .body("state", equalTo("CANCELLED"))
                .body("cancelRequested", equalTo(false));
    }

    @Test
    void unknownBusinessKeysAre404() {
        TestUser user = ExporterApi.exporter(dataSource);
        as(user).get("/exporter/schedules/0000-0000-0000-0000")
                .then()
                .statusCode(404)
                .body("status", equalTo("NOT_FOUND"))
                .body("message", containsString("0000-0000-0000-0000"));
        as(user).body(ExporterApi.schedule())
                .put("/exporter/schedules/0000-0000-0000-0000")
                .then()
                .statusCode(404);
        as(user).delete("/exporter/schedules/0000-0000-0000-0000").then().statusCode(404);
        as(user).get("/exporter/schedules/0000-0000-0000-0000/history/audit")
                .then()
                .statusCode(404);
    }

    @Test
    void anSftpScheduleNamesKnownSftpDetails() throws Exception {
        Sql.execute(
                dataSource,
                "INSERT INTO exporter_sftp_details (details_key, host, port, username, password_sealed,"
                        + " host_key_fingerprint, remote_dir, created_by, created_at, updated_at) VALUES ('lifecycle-sftp',"
                        + " 'localhost', 22, 'u', 'sealed', 'SHA256:x', '/in', 'test', now(), now())");
        Map<String, Object> body = ExporterApi.schedule();
        body.put("operations", List.of("SFTP"));
        body.remove("recipients");
        body.put("sftpDetailsKey", "lifecycle-sftp");
        as(ExporterApi.exporter(dataSource))
                .body(body)
                .post("/exporter/schedules")
                .then()
                .statusCode(201)
                .body("configuration.sftpDetailsKey", equalTo("lifecycle-sftp"))
                .body("configuration.operations", hasItem("SFTP"));
    }

    private String create(TestUser user) {
        return as(user).body(ExporterApi.schedule())
                .post("/exporter/schedules")
                .then()
                .statusCode(201)
                .extract()
                .path("businessKey");
    }

    private long count() throws Exception {
        return Sql.singleLong(dataSource, "SELECT count(*) FROM exporter_schedule");
    }
}
