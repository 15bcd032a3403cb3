package org.bdisuite.receiver;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.bdisuite.model.Roles;
import org.bdisuite.test.EmbeddedPostgresResource;
import org.bdisuite.test.Sql;
import org.bdisuite.test.TestUsers;
import org.bdisuite.test.TestUsers.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The receiver's retention purge (POST /receiver/purge, RECEIVER_DATA): folders and rows of transactions that ended
 * before the retention go when they were imported or expired; data not imported, young data and transactions in
 * progress stay. A dry run deletes nothing and reports what the purge then deletes.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class RetentionPurgeTest {

    private static final String OLD = "now() - interval '40 days'";

    @Inject
    DataSource dataSource;

    private TestUser admin;
    private TestUser sender;

    @BeforeEach
    void users() {
        admin = TestUsers.create(dataSource, "purge-admin", Roles.ADMIN);
        sender = TestUsers.create(dataSource, "purge-sender", Roles.OPERATOR);
    }

    private RequestSpecification as(TestUser user) {
        return given().auth()
                .preemptive()
                .basic(user.username(), user.password())
                .urlEncodingEnabled(false);
    }

    /** A transaction of one block, ended (COMPLETED, handed over); returns its id as stored (Tx#...). */
    private String received(String prefix) {
        OpenTransmission open = OpenTransmission.begin(() -> as(sender), prefix);
        as(sender)
                .contentType("text/csv")
                .body("1,RED,COLOR\n2,BLUE,COLOR\n")
                .post(open.upload(1, 2))
                .then()
                .statusCode(200);
        as(sender).post(open.end(1)).then().statusCode(200);
        as(sender)
                .post("/receiver/endTransaction/" + open.transactionId() + "/RMS/Diff_Fnd")
                .then()
                .statusCode(200);
        return open.transactionId().replace("%23", "#");
    }

    private void endedLongAgo(String transactionId) throws Exception {
        Sql.execute(
                dataSource,
                "UPDATE bdi_receiver_transaction SET receiver_transaction_end_time = " + OLD
                        + " WHERE transaction_id = '" + transactionId + "'");
    }

    /** What batch-admin's importer records when it has loaded the data set. */
    private void imported(String transactionId) throws Exception {
        long instance = Sql.singleLong(
                dataSource,
                "INSERT INTO job_instance (jobname, applicationname) VALUES ('Diff_Fnd_ImporterJob', 'test')"
                        + " RETURNING jobinstanceid");
        Sql.execute(
                dataSource,
                "INSERT INTO bdi_job_data_set (job_name, job_instance_id, interface_module, data_control_kind,"
                        + " data_control_id, completed_at) SELECT 'Diff_Fnd_ImporterJob', " + instance
                        + ", 'Diff_Fnd', 'UPLOADER', d.uploader_iface_mod_data_ctlid, now()"
                        + " FROM bdi_upldr_iface_mod_data_ctl d JOIN bdi_receiver_transaction t"
                        + " ON t.receiver_transaction_id = d.receiver_transaction_id"
                        + " WHERE t.transaction_id = '" + transactionId + "'");
    }

    private Path folder(String transactionId) throws Exception {
        return Path.of(Sql.single(
                dataSource, "SELECT dir FROM bdi_receiver_transaction WHERE transaction_id = '" + transactionId + "'"));
    }

    private long rowsOf(String transactionId) throws Exception {
        String tx = "(SELECT receiver_transaction_id FROM bdi_receiver_transaction WHERE transaction_id = '"
                + transactionId + "')";
        return Sql.singleLong(
                dataSource,
                "SELECT 1 + (SELECT count(*) FROM bdi_receiver_transmission WHERE receiver_transaction_id = " + tx
                        + ") + (SELECT count(*) FROM receiver_transmission_block b JOIN bdi_receiver_transmission m"
                        + " USING (receiver_transmission_id) WHERE m.receiver_transaction_id = " + tx
                        + ") + (SELECT count(*) FROM bdi_upldr_iface_mod_data_ctl WHERE receiver_transaction_id = "
                        + tx + ") + (SELECT count(*) FROM bdi_upldr_data_set_file f JOIN bdi_upldr_iface_mod_data_ctl"
                        + " d USING (uploader_iface_mod_data_ctlid) WHERE d.receiver_transaction_id = " + tx + ")");
    }

    private static long bytesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(file -> file.toFile().length())
                    .sum();
        }
    }

    private long transactions(String transactionId) throws Exception {
        return Sql.singleLong(
                dataSource,
                "SELECT count(*) FROM bdi_receiver_transaction WHERE transaction_id = '" + transactionId + "'");
    }

    private JsonPath purge(boolean dryRun) {
        return as(admin)
                .queryParam("dryRun", dryRun)
                .post("/receiver/purge")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    @Test
    void importedAndExpiredDataGoesAndUnimportedYoungOrOpenDataStays() throws Exception {
        String importedOld = received("PurgeImported");
        imported(importedOld);
        endedLongAgo(importedOld);
        String notImported = received("PurgeWaiting");
        endedLongAgo(notImported);
        String importedYoung = received("PurgeYoung");
        imported(importedYoung);
        OpenTransmission open = OpenTransmission.begin(() -> as(sender), "PurgeOpen");
        as(sender)
                .contentType("text/csv")
                .body("1,A,B\n")
                .post(open.upload(1, 1))
                .then()
                .statusCode(200);
        String inProgress = open.transactionId().replace("%23", "#");
        Sql.execute(
                dataSource,
                "UPDATE bdi_receiver_transaction SET receiver_transaction_begin_time = " + OLD
                        + " WHERE transaction_id = '" + inProgress + "'");
        // An expired transaction's files are deleted by the expiry; its rows are left for the retention.
        OpenTransmission expiring = OpenTransmission.begin(() -> as(sender), "PurgeExpired");
        String expired = expiring.transactionId().replace("%23", "#");
        Sql.execute(
                dataSource,
                "UPDATE bdi_receiver_transaction SET receiver_transaction_status = 'EXPIRED',"
                        + " receiver_transaction_end_time = " + OLD + " WHERE transaction_id = '" + expired + "'");
        long expectedRows = rowsOf(importedOld) + rowsOf(expired);
        long expectedBytes = bytesIn(folder(importedOld));
        assertThat(expectedBytes).isPositive();

        JsonPath dry = purge(true);

        assertThat(dry.getString("kinds[0].kind")).isEqualTo("RECEIVER_DATA");
        assertThat(dry.getLong("kinds[0].rows")).isEqualTo(expectedRows);
        assertThat(dry.getLong("kinds[0].bytes")).isEqualTo(expectedBytes);
        assertThat(folder(importedOld)).exists();
        assertThat(transactions(importedOld)).isEqualTo(1);

        JsonPath done = purge(false);

        assertThat(done.getLong("kinds[0].rows")).isEqualTo(expectedRows);
        assertThat(done.getLong("kinds[0].bytes")).isEqualTo(expectedBytes);
        assertThat(transactions(importedOld)).isZero();
        assertThat(transactions(expired)).isZero();
        assertThat(Sql.singleLong(
                        dataSource,
                        "SELECT count(*) FROM bdi_upldr_iface_mod_data_ctl WHERE remote_transaction_id = '"
                                + importedOld + "'"))
                .isZero();
        for (String kept : new String[] {notImported, importedYoung, inProgress}) {
            assertThat(transactions(kept)).as(kept).isEqualTo(1);
            assertThat(folder(kept)).as(kept).exists();
        }
        assertThat(folder(importedYoung).getParent().resolve(importedOld)).doesNotExist();
        assertThat(purge(true).getLong("kinds[0].rows")).isZero();
    }

    @Test
    void onlyAdministratorsPurgeAndBadInputIsA400() {
        as(sender).queryParam("dryRun", "true").post("/receiver/purge").then().statusCode(403);
        String message = as(admin)
                .queryParam("dryRun", "yes")
                .post("/receiver/purge")
                .then()
                .statusCode(400)
                .extract()
                .jsonPath()
                .getString("message");
        assertThat(message).isEqualTo("dryRun: must be true or false");
        as(admin)
                .queryParam("kind", "JOB_HISTORY")
                .post("/receiver/purge")
                .then()
                .statusCode(400);
        JsonPath report = as(admin)
                .queryParam("kind", "RECEIVER_DATA")
                .queryParam("dryRun", "true")
                .post("/receiver/purge")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(report.getString("kinds[0].retention")).isEqualTo("PT720H");
    }
}
