package org.bdisuite.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bdisuite.exporter.ExporterApi.as;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.bdisuite.test.EmbeddedPostgresResource;
import org.bdisuite.test.Sql;
import org.bdisuite.test.TestUsers.TestUser;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bad schedules get a 400 naming the field and the allowed values, and nothing is stored. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class ScheduleValidationTest {

    @Inject
    DataSource dataSource;

    private TestUser user;

    @BeforeEach
    void user() {
        user = ExporterApi.exporter(dataSource);
    }

    @Test
    void unknownDataSource() throws Exception {
        rejected(
                body -> body.put("dataSource", "noSuchSource"),
                "dataSource",
                allOf(
                        containsString("noSuchSource"),
                        containsString("sampleAppointments"),
                        containsString("receiverTransactions"),
                        containsString("batchExecutions")));
    }

    @Test
    void unknownOperation() throws Exception {
        rejected(
                body -> body.put("operations", List.of("FAX")),
                "operations",
                allOf(containsString("FAX"), containsString("[EMAIL, SFTP, RECEIVER]")));
        rejected(body -> body.put("operations", List.of()), "operations", containsString("EMAIL"));
    }

    @Test
    void unknownFileType() throws Exception {
        rejected(body -> body.put("fileType", "XLSX"), "fileType", containsString("[CSV, JSON]"));
    }

    @Test
    void unknownOrIncompleteFrequency() throws Exception {
        rejected(
                body -> body.put("frequency", Map.of("type", "hourly")),
                "frequency.type",
                containsString("[daily, weekly, monthly]"));
        rejected(
                body -> body.put("frequency", Map.of("type", "weekly", "dayOfWeek", "FUNDAY")),
                "frequency.dayOfWeek",
                containsString("MONDAY"));
        rejected(
                body -> body.put("frequency", Map.of("type", "monthly", "dayOfMonth", 32)),
                "frequency.dayOfMonth",
                containsString("1..31"));
    }

    @Test
    void unknownTimezoneAndDateFormat() throws Exception {
        rejected(
                body -> body.put("timezone", "Mars/Olympus"),
                "timezone",
                allOf(containsString("Mars/Olympus"), containsString("Europe/London")));
        rejected(
                body -> body.put("dateFormat", "julian"),
                "dateFormat",
                allOf(containsString("ISO_DATE"), containsString("COMPACT")));
    }

    @Test
    void emailNeedsRecipientsAndSftpNeedsKnownDetails() throws Exception {
        rejected(body -> body.remove("recipients"), "recipients", containsString("EMAIL"));
        rejected(
                body -> {
                    body.put("operations", List.of("SFTP"));
                    body.remove("recipients");
                },
                "sftpDetailsKey",
                containsString("SFTP"));
        rejected(
                body -> {
                    body.put("operations", List.of("SFTP"));
                    body.put("sftpDetailsKey", "never-stored");
                },
                "sftpDetailsKey",
                containsString("never-stored"));
    }

    @Test
    void crOrLfInAnyMailHeaderValue() throws Exception {
        rejected(
                body -> body.put("description", "Export\r\nBcc: victim@example.org"),
                "description",
                containsString("CR or LF"));
        rejected(
                body -> body.put(
                        "recipients", List.of(Map.of("address", "a@example.org\nBcc: b@example.org", "name", "A"))),
                "recipients[0].address",
                containsString("CR or LF"));
        rejected(
                body -> body.put(
                        "recipients", List.of(Map.of("address", "a@example.org", "name", "A\rBcc: b@example.org"))),
                "recipients[0].name",
                containsString("CR or LF"));
        rejected(
                body -> body.put("recipients", List.of(Map.of("address", "not-an-address", "name", "A"))),
                "recipients[0].address",
                containsString("not a mail address"));
    }

    @Test
    void unknownDataSourceParameter() throws Exception {
        rejected(
                body -> body.put("parameters", Map.of("colour", "red")),
                "parameters.colour",
                containsString("[status]"));
    }

    @Test
    void everyViolationIsListedAtOnce() throws Exception {
        long before = count();
        Map<String, Object> body = ExporterApi.schedule();
        body.put("dataSource", "nope");
        body.put("fileType", "XML");
        as(user).body(body)
                .post("/exporter/schedules")
                .then()
                .statusCode(400)
                .body("code", equalTo("invalid-schedule"))
                .body("errors.field", hasItem("dataSource"))
                .body("errors.field", hasItem("fileType"));
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void aBadEditChangesNothing() throws Exception {
        String businessKey = as(user).body(ExporterApi.schedule())
                .post("/exporter/schedules")
                .then()
                .statusCode(201)
                .extract()
                .path("businessKey");
        Map<String, Object> bad = ExporterApi.schedule();
        bad.put("fileType", "PDF");
        as(user).body(bad).put("/exporter/schedules/" + businessKey).then().statusCode(400);
        as(user).get("/exporter/schedules/" + businessKey).then().body("configuration.fileType", equalTo("CSV"));
        as(user).get("/exporter/schedules/" + businessKey + "/history/configs")
                .then()
                .body("total", equalTo(1));
    }

    private void rejected(Consumer<Map<String, Object>> change, String field, Matcher<String> message)
            throws Exception {
        long before = count();
        Map<String, Object> body = ExporterApi.schedule();
        change.accept(body);
        as(user).body(body)
                .post("/exporter/schedules")
                .then()
                .statusCode(400)
                .body("status", equalTo("BAD_REQUEST"))
                .body("errors[0].field", equalTo(field))
                .body("errors[0].message", message)
                .body("message", containsString(field));
        assertThat(count()).isEqualTo(before);
    }

    private long count() throws Exception {
        return Sql.singleLong(dataSource, "SELECT count(*) FROM exporter_schedule");
    }
}
