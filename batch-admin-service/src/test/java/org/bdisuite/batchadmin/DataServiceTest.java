package org.bdisuite.batchadmin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bdisuite.batchadmin.BatchApi.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.bdisuite.model.Roles;
import org.bdisuite.test.EmbeddedPostgresResource;
import org.bdisuite.test.TestUsers;
import org.bdisuite.test.TestUsers.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Data Service: the data set of a job execution or instance, and the next pending one, as the spec's jobDataSetVo. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class DataServiceTest {

    private static final String MODULE = "DataSvc_Fnd";
    private static final String EXTRACTOR = MODULE + "_ExtractorJob";
    private static final String TRANSPORTER = MODULE + "_DownloaderAndTransporterToRxmJob";
    private static final String IMPORTER = MODULE + "_ImporterJob";

    @Inject
    DataSource dataSource;

    private TestUser monitor;

    @BeforeEach
    void users() {
        monitor = TestUsers.create(dataSource, "data-monitor", Roles.MONITOR);
    }

    @Test
    void dataSetsByExecutionAndInstanceInJsonAndXml() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement sql = connection.createStatement()) {
            long instance = key(
                    sql,
                    "INSERT INTO job_instance (jobname, applicationname) VALUES ('" + EXTRACTOR
                            + "', 'test') RETURNING jobinstanceid");
            long first = execution(sql, instance, "FAILED");
            long second = execution(sql, instance, "COMPLETED");
            long dataSet = key(
                    sql,
                    "INSERT INTO bdi_dwnldr_iface_mod_data_ctl (interface_module, data_set_type,"
                            + " data_set_ready_time, num_partitions, extractor_job_instance_id) VALUES ('" + MODULE
                            + "', 'FULL', now(), 2, " + instance + ") RETURNING downloader_iface_mod_data_ctlid");
            sql.execute("INSERT INTO bdi_job_data_set (job_name, job_instance_id, interface_module, data_control_kind,"
                    + " data_control_id, completed_at) VALUES ('" + EXTRACTOR + "', " + instance + ", '" + MODULE
                    + "', 'DOWNLOADER', " + dataSet + ", now())");

            as(monitor)
                    .get("/data/dataset/" + EXTRACTOR + "/executions/" + second)
                    .then()
                    .statusCode(200)
                    .body("interfaceModule", equalTo(MODULE))
                    .body("interfaceModuleDataControlId", equalTo((int) dataSet))
                    .body("jobName", equalTo(EXTRACTOR))
                    .body("jobDataSetInstance.jobInstanceId", equalTo((int) instance))
                    .body("jobDataSetInstance.jobDataSetExecutions.jobExecutionId", equalTo(List.of((int) first, (int)
                            second)));
            String xml = as(monitor)
                    .accept("application/xml")
                    .get("/data/dataset/" + EXTRACTOR + "/instances/" + instance)
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString();
            assertThat(xml)
                    .startsWith("<jobDataSetVo><interfaceModule>" + MODULE + "</interfaceModule>"
                            + "<interfaceModuleDataControlId>" + dataSet + "</interfaceModuleDataControlId>")
                    .contains(
                            "<jobDataSetInstance><jobInstanceId>" + instance + "</jobInstanceId><jobDataSetExecutions>"
                                    + "<jobExecutionId>" + first + "</jobExecutionId></jobDataSetExecutions>");

            as(monitor)
                    .get("/data/dataset/" + IMPORTER + "/executions/" + second)
                    .then()
                    .statusCode(404);
            as(monitor)
                    .get("/data/dataset/" + EXTRACTOR + "/executions/987654321")
                    .then()
                    .statusCode(404);
            as(monitor)
                    .get("/data/dataset/" + EXTRACTOR + "/instances/987654321")
                    .then()
                    .statusCode(404)
                    .body("code", equalTo("no-data-set"));
            as(monitor)
                    .accept("application/xml")
                    .get("/data/dataset/" + EXTRACTOR + "/instances/987654321")
                    .then()
                    .statusCode(404)
                    .body(org.hamcrest.Matchers.startsWith("<exceptionVo>"));
            as(monitor)
                    .get("/data/dataset/" + EXTRACTOR + "/instances/x")
                    .then()
                    .statusCode(400);
        }
    }

    @Test
    void nextPendingIsTheOldestDataSetTheJobHasNotCompletedAtBothSpellingsOfThePath() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement sql = connection.createStatement()) {
            long sent = outbound(sql);
            long pending = outbound(sql);
            outbound(sql);
            long transporterInstance = key(
                    sql,
                    "INSERT INTO job_instance (jobname, applicationname) VALUES ('" + TRANSPORTER
                            + "', 'test') RETURNING jobinstanceid");
            sql.execute("INSERT INTO bdi_job_data_set (job_name, job_instance_id, interface_module, data_control_kind,"
                    + " data_control_id, completed_at) VALUES ('" + TRANSPORTER + "', " + transporterInstance + ", '"
                    + MODULE
                    + "', 'DOWNLOADER', " + sent + ", now())");

            as(monitor)
                    .get("/data/dataset/" + TRANSPORTER + "/nextPending")
                    .then()
                    .statusCode(200)
                    .body("interfaceModule", equalTo(MODULE))
                    .body("interfaceModuleDataControlId", equalTo((int) pending))
                    .body("$", not(hasKey("jobName")));
            as(monitor)
                    .get("/data/dataset/" + TRANSPORTER + "nextPending")
                    .then()
                    .statusCode(200)
                    .body("interfaceModuleDataControlId", equalTo((int) pending));
            as(monitor)
                    .accept("application/xml")
                    .get("/data/dataset/" + TRANSPORTER + "/nextPending")
                    .then()
                    .statusCode(200)
                    .body(equalTo("<jobDataSetVo><interfaceModule>" + MODULE
                            + "</interfaceModule><interfaceModuleDataControlId>" + pending
                            + "</interfaceModuleDataControlId></jobDataSetVo>"));

            as(monitor)
                    .get("/data/dataset/" + IMPORTER + "/nextPending")
                    .then()
                    .statusCode(404)
                    .body("code", equalTo("no-pending-data-set"));
            as(monitor)
                    .get("/data/dataset/" + EXTRACTOR + "/nextPending")
                    .then()
                    .statusCode(400)
                    .body("errors[0].field", equalTo("jobName"));
            as(monitor)
                    .get("/data/dataset/lifecycle-test-job/nextPending")
                    .then()
                    .statusCode(400);
        }
    }

    private static long outbound(Statement sql) throws SQLException {
        long extractor = key(
                sql,
                "INSERT INTO job_instance (jobname, applicationname) VALUES ('" + EXTRACTOR
                        + "', 'test') RETURNING jobinstanceid");
        return key(
                sql,
                "INSERT INTO bdi_dwnldr_iface_mod_data_ctl (interface_module, data_set_type, data_set_ready_time,"
                        + " num_partitions, extractor_job_instance_id) VALUES ('" + MODULE + "', 'PARTIAL', now(), 1, "
                        + extractor
                        + ") RETURNING downloader_iface_mod_data_ctlid");
    }

    private static long execution(Statement sql, long instance, String status) throws SQLException {
        return key(
                sql,
                "INSERT INTO job_execution (jobinstanceid, createtime, starttime, endtime, batchstatus, jobparameters)"
                        + " VALUES (" + instance + ", now(), now(), now(), '" + status
                        + "', '') RETURNING jobexecutionid");
    }

    private static long key(Statement sql, String insert) throws SQLException {
        try (ResultSet key = sql.executeQuery(insert)) {
            key.next();
            return key.getLong(1);
        }
    }
}
