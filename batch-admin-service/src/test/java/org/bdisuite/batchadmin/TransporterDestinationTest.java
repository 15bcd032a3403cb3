package org.bdisuite.batchadmin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bdisuite.batchadmin.BatchApi.as;
import static org.bdisuite.batchadmin.BatchApi.awaitStatus;
import static org.bdisuite.batchadmin.BatchApi.start;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.bdisuite.model.Roles;
import org.bdisuite.test.EmbeddedPostgresResource;
import org.bdisuite.test.SelfSignedCertificate;
import org.bdisuite.test.Sql;
import org.bdisuite.test.TestUsers;
import org.bdisuite.test.TestUsers.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The downloader-transporter sends only to stored destinations: an operator cannot point it, and with it a stored
 * password, at an address of their choosing; a destination's URL and credential are what reach the receiver; its
 * pinned certificate is what the TLS connection trusts; an unknown destination ends the job before any request.
 * Each receiver here is a real listener of the test ({@link TestReceiver}) that records what reaches it.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class TransporterDestinationTest {

    private static final String JOB = "Diff_Fnd_DownloaderAndTransporterJob";

    @Inject
    DataSource dataSource;

    @Inject
    ObjectMapper json;

    private TestUser admin;
    private TestUser operator;

    @BeforeEach
    void users() {
        admin = TestUsers.create(dataSource, "transporter-admin", Roles.ADMIN);
        operator = TestUsers.create(dataSource, "transporter-operator", Roles.OPERATOR);
    }

    @Test
    void anOperatorCannotSendAStoredCredentialToAUrlOfTheirChoosing() throws Exception {
        as(admin)
                .contentType(ContentType.JSON)
                .body("{\"username\":\"transporter\",\"password\":\"admin-only-secret\"}")
                .put("/system-setting/credentials/receiver")
                .then()
                .statusCode(200);
        long dataSet = readyDataSet();
        long instances = Sql.singleLong(dataSource, "SELECT count(*) FROM job_instance");
        try (TestReceiver attacker = TestReceiver.http()) {
            as(operator)
                    .queryParam(
                            "jobParameters",
                            "dataSetId=" + dataSet + ",receiverUrl=" + attacker.uri() + ",credential=receiver")
                    .post("/batch/jobs/" + JOB)
                    .then()
                    .statusCode(400)
                    .body("code", equalTo("invalid-job-parameter"))
                    .body("errors.field", hasItems("jobParameters.receiverUrl", "jobParameters.credential"));
            as(operator)
                    .queryParam("jobParameters", "dataSetId=" + dataSet + ",destination=" + attacker.uri())
                    .post("/batch/jobs/" + JOB)
                    .then()
                    .statusCode(400)
                    .body("errors[0].field", equalTo("jobParameters.destination"));
            assertThat(Sql.singleLong(dataSource, "SELECT count(*) FROM job_instance"))
                    .isEqualTo(instances);
            assertThat(attacker.requests()).isEmpty();
        }
    }

    @Test
    void theTransporterSendsToTheNamedDestinationWithItsCredential() throws Exception {
        try (TestReceiver receiver = TestReceiver.http()) {
            putDestination("plain", receiver.uri().toString(), null);
            long executionId = start(operator, JOB, "dataSetId=" + readyDataSet() + ",destination=plain,itemCount=10");
            long instanceId = awaitStatus(operator, executionId, "FAILED").getLong("jobInstanceId");
            assertThat(receiver.requests()).hasSize(1).first().satisfies(request -> {
                assertThat(request.method()).isEqualTo("POST");
                // The BDI guide's transaction id: Tx#<job instance id of the downloader-transporter>.
                assertThat(request.path()).startsWith("/receiver/beginTransaction/Tx%23" + instanceId + "/Diff_Fnd/");
                assertThat(request.authorization()).isEqualTo(basic("dest-user", "dest-password-1"));
            });
        }
    }

    @Test
    void anUnknownDestinationIsRefusedAtStartOrEndsTheJobBeforeAnyRequest() throws Exception {
        long dataSet = readyDataSet();
        as(operator)
                .queryParam("jobParameters", "dataSetId=" + dataSet + ",destination=nowhere")
                .post("/batch/jobs/" + JOB)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("jobParameters.destination"));
        // No destination named: the configured default (suite.pipeline.receiver-destination = receiver), never stored
        // here.
        long executionId = start(operator, JOB, "dataSetId=" + dataSet);
        JsonPath failed = awaitStatus(operator, executionId, "FAILED");
        assertThat(failed.getString("stepExecutionVo[0].exitStatus")).isEqualTo("NO_DESTINATION");
        assertThat(Sql.singleLong(
                        dataSource, "SELECT count(*) FROM bdi_job_data_set WHERE data_control_id = " + dataSet))
                .isZero();
    }

    @Test
    void aPinnedCertificateIsTrustedForItsDestinationAndNothingElseIs() throws Exception {
        SelfSignedCertificate certificate = SelfSignedCertificate.create();
        try (TestReceiver receiver = TestReceiver.https(certificate)) {
            putDestination("tls-default-trust", receiver.uri().toString(), null);
            long refused = start(operator, JOB, "dataSetId=" + readyDataSet() + ",destination=tls-default-trust");
            awaitStatus(operator, refused, "FAILED");
            assertThat(receiver.requests()).isEmpty();

            putDestination(
                    "tls-other-pin",
                    receiver.uri().toString(),
                    SelfSignedCertificate.create().certificateText());
            long otherPin = start(operator, JOB, "dataSetId=" + readyDataSet() + ",destination=tls-other-pin");
            awaitStatus(operator, otherPin, "FAILED");
            assertThat(receiver.requests()).isEmpty();

            putDestination("tls-pinned", receiver.uri().toString(), certificate.certificateText());
            long pinned = start(operator, JOB, "dataSetId=" + readyDataSet() + ",destination=tls-pinned");
            awaitStatus(operator, pinned, "FAILED");
            assertThat(receiver.requests()).hasSize(1).first().satisfies(request -> {
                assertThat(request.path()).startsWith("/receiver/beginTransaction/");
                assertThat(request.authorization()).isEqualTo(basic("dest-user", "dest-password-1"));
            });
        }
    }

    private void putDestination(String name, String url, String pem) throws Exception {
        Map<String, Object> body =
                new HashMap<>(Map.of("url", url, "username", "dest-user", "password", "dest-password-1"));
        if (pem != null) {
            body.put("trustedCertificates", pem);
        }
        as(admin)
                .contentType(ContentType.JSON)
                .body(json.writeValueAsString(body))
                .put("/system-setting/destinations/" + name)
                .then()
                .statusCode(200);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** A ready outbound data set of module Dest_Fnd: one interface, one partition, three rows. */
    private long readyDataSet() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement sql = connection.createStatement()) {
            long id;
            try (ResultSet key =
                    sql.executeQuery("INSERT INTO bdi_dwnldr_iface_mod_data_ctl (interface_module, data_set_type,"
                            + " data_set_ready_time, num_partitions, extractor_job_instance_id) VALUES ('Dest_Fnd', 'FULL', now(), 1,"
                            + " (SELECT least(coalesce(min(extractor_job_instance_id), 0), 0) - 1 FROM bdi_dwnldr_iface_mod_data_ctl))"
                            + " RETURNING downloader_iface_mod_data_ctlid")) {
                key.next();
                id = key.getLong(1);
            }
            sql.execute(
                    "INSERT INTO bdi_outbound_row (data_ctl_id, interface_short_name, partition_number, sequence_number,"
                            + " line) SELECT " + id + ", 'Dest', 1, g, g || ',row ' || g FROM generate_series(1, 3) g");
            return id;
        }
    }
}
