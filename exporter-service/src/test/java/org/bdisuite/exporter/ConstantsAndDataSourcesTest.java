package org.bdisuite.exporter;

import static org.bdisuite.exporter.ExporterApi.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import org.bdisuite.test.EmbeddedPostgresResource;
import org.bdisuite.test.Sql;
import org.bdisuite.test.TestUsers.TestUser;
import org.junit.jupiter.api.Test;

/** The constants End Point and the dataSources namespace (list and preview in the seed's shape). */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class ConstantsAndDataSourcesTest {

    @Inject
    DataSource dataSource;

    @Test
    void constants() {
        as(ExporterApi.exporter(dataSource))
                .get("/exporter/constants")
                .then()
                .statusCode(200)
                .body("operations.keySet()", contains("EMAIL", "SFTP", "RECEIVER"))
                .body("fileTypes.keySet()", contains("CSV", "JSON"))
                .body("fileTypes.CSV.extension", equalTo("csv"))
                .body("dateFormats.ISO_DATE", equalTo("yyyy-MM-dd"))
                .body("frequencies.type", contains("daily", "weekly", "monthly"))
                .body("frequencies[1].fields.dayOfWeek", hasSize(7))
                .body("frequencies[2].fields.dayOfMonth.max", equalTo(31));
    }

    @Test
    void dataSourcesAreListedInTheirNamespace() {
        as(ExporterApi.exporter(dataSource))
                .get("/exporter/data-sources")
                .then()
                .statusCode(200)
                .body("name", hasItems("sampleAppointments", "receiverTransactions", "batchExecutions"))
                .body("namespace", hasItems("dataSources"))
                .body(
                        "find { it.name == 'sampleAppointments' }.headerRow",
                        contains(
                                "instancestatus",
                                "enddatetime",
                                "locationbookableid",
                                "name",
                                "bookableid",
                                "appointment",
                                "ticketstatus",
                                "type",
                                "instancebk",
                                "startdatetime",
                                "assignedTo",
                                "status"))
                .body("find { it.name == 'sampleAppointments' }.fileTypes", contains("CSV", "JSON"));
    }

    @Test
    void previewShowsTheSeedsHeaderRowAndDataShape() {
        as(ExporterApi.exporter(dataSource))
                .get("/exporter/data-sources/sampleAppointments/preview?limit=1")
                .then()
                .statusCode(200)
                .body("headerRow", hasSize(12))
                .body("data", hasSize(1))
                .body("data[0].instancestatus", equalTo("Active"))
                .body("data[0].enddatetime", equalTo("2019-06-20T15:00:00Z"))
                .body("data[0].locationbookableid", equalTo(1444))
                .body("data[0].name", equalTo("Ross"))
                .body("data[0].bookableid", equalTo(1449))
                .body("data[0].appointment", equalTo("Notice of Marriage"))
                .body("data[0].ticketstatus", equalTo("Reserved"))
                .body("data[0].type", equalTo("SB"))
                .body("data[0].instancebk", equalTo("8376-7234-6416-2568"))
                .body("data[0].startdatetime", equalTo("2019-06-20T14:00:00Z"))
                .body("data[0].assignedTo", equalTo(""))
                .body("data[0].status", equalTo("CREATED"));
    }

    @Test
    void previewFiltersByParametersAndReadsOtherTables() throws Exception {
        TestUser user = ExporterApi.exporter(dataSource);
        as(user).get("/exporter/data-sources/sampleAppointments/preview?status=COMPLETED")
                .then()
                .statusCode(200)
                .body("data.name", contains("O'Brien"));
        Sql.execute(
                dataSource,
                "INSERT INTO job_instance (jobname, applicationname) VALUES ('preview-job', 'x');"
                        + " INSERT INTO job_execution (jobinstanceid, createtime, batchstatus)"
                        + " SELECT jobinstanceid, '2026-01-02T03:04:05Z', 'COMPLETED' FROM job_instance"
                        + " WHERE jobname = 'preview-job'");
        as(user).get("/exporter/data-sources/batchExecutions/preview?jobName=preview-job")
                .then()
                .statusCode(200)
                .body("data", hasSize(1))
                .body("data[0].batchStatus", equalTo("COMPLETED"))
                .body("data[0].createTime", equalTo("2026-01-02T03:04:05Z"))
                .body("data[0].jobExecutionId", notNullValue());
        as(user).get("/exporter/data-sources/receiverTransactions/preview")
                .then()
                .statusCode(200)
                .body("headerRow", hasItems("transactionId", "interfaceModule"));
    }

    @Test
    void badPreviews() {
        TestUser user = ExporterApi.exporter(dataSource);
        as(user).get("/exporter/data-sources/nothing/preview")
                .then()
                .statusCode(404)
                .body("message", containsString("nothing"));
        as(user).get("/exporter/data-sources/sampleAppointments/preview?limit=0")
                .then()
                .statusCode(400);
        as(user).get("/exporter/data-sources/sampleAppointments/preview?colour=red")
                .then()
                .statusCode(400)
                .body("message", containsString("status"));
    }
}
