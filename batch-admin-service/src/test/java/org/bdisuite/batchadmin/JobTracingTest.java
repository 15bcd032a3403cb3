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
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.bdisuite.model.Roles;
import org.bdisuite.test.EmbeddedPostgresResource;
import org.bdisuite.test.Sql;
import org.bdisuite.test.TestUsers;
import org.bdisuite.test.TestUsers.TestUser;
import org.junit.jupiter.api.Test;

/**
 * A pipeline data set carries its trace from the extractor to the transporter's receiver calls (docs/ARCHITECTURE.md,
 * "Tracing"): the extractor's span is stored with the outbound data set, the transporter's execution continues it, and
 * the traceparent header its request sends names that trace; both executions' views show it. The receiver is a real
 * listener of the test ({@link TestReceiver}) that records the header (and fails the job with a 500 after one call).
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class JobTracingTest {

    @Inject
    DataSource dataSource;

    @Test
    void theTransportersReceiverCallsContinueTheTraceTheExtractorStoredWithTheDataSet() throws Exception {
        TestUser admin = TestUsers.create(dataSource, "tracing-admin", Roles.ADMIN);
        TestUser operator = TestUsers.create(dataSource, "tracing-operator", Roles.OPERATOR);
        sourceTable();

        long extractor = start(operator, "Trace_Fnd_ExtractorJob", "partitions=1,itemCount=50");
        JsonPath extracted = awaitStatus(operator, extractor, "COMPLETED");
        String traceId = extracted.getString("traceId");
        assertThat(traceId).matches("[0-9a-f]{32}");
        long dataSet = as(operator)
                .get("/data/dataset/Trace_Fnd_ExtractorJob/executions/" + extractor)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("interfaceModuleDataControlId");
        assertThat(Sql.single(
                        dataSource,
                        "SELECT trace_parent FROM bdi_dwnldr_iface_mod_data_ctl WHERE downloader_iface_mod_data_ctlid = "
                                + dataSet))
                .startsWith("00-" + traceId + "-");

        try (TestReceiver receiver = TestReceiver.http()) {
            as(admin)
                    .contentType(ContentType.JSON)
                    .body("{\"url\":\"" + receiver.uri()
                            + "\",\"username\":\"dest-user\",\"password\":\"dest-password-1\"}")
                    .put("/system-setting/destinations/tracing")
                    .then()
                    .statusCode(200);
            long transporter = start(
                    operator, "Trace_Fnd_DownloaderAndTransporterJob", "dataSetId=" + dataSet + ",destination=tracing");
            JsonPath failed = awaitStatus(operator, transporter, "FAILED");
            assertThat(failed.getString("traceId")).isEqualTo(traceId);
            assertThat(receiver.requests()).hasSize(1).first().satisfies(request -> {
                assertThat(request.path()).startsWith("/receiver/beginTransaction/");
                // version - trace id - the client span's id - sampled
                assertThat(request.traceParent()).matches("00-" + traceId + "-[0-9a-f]{16}-01");
            });
        }
    }

    /** The module Trace_Fnd (test job XMLs of its own): one interface over a small table of this test's. */
    private void sourceTable() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement sql = connection.createStatement()) {
            sql.execute("CREATE TABLE trace_source (id INT PRIMARY KEY, name TEXT)");
            sql.execute("INSERT INTO trace_source SELECT g, 'item ' || g FROM generate_series(1, 120) g");
            sql.execute(
                    "INSERT INTO bdi_interface_pipeline (interface_module, interface_short_name, source_query, inbound_table)"
                            + " VALUES ('Trace_Fnd', 'Trace', 'SELECT id, name FROM trace_source ORDER BY id',"
                            + " 'trace_inbound')");
        }
    }
}
