package org.bdisuite.receiver;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.bdisuite.model.Roles;
import org.bdisuite.receiver.service.TransactionExpiry;
import org.bdisuite.test.EmbeddedPostgresResource;
import org.bdisuite.test.Sql;
import org.bdisuite.test.TestUsers;
import org.bdisuite.test.TestUsers.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Transactions not ended in time lose their files and become EXPIRED; nothing else is touched. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class TransactionExpiryTest {

    @Inject
    DataSource dataSource;

    @Inject
    TransactionExpiry expiry;

    private TestUser sender;

    @BeforeEach
    void sender() {
        sender = TestUsers.create(dataSource, "expiry-sender", Roles.OPERATOR);
    }

    private RequestSpecification asSender() {
        return given().auth()
                .preemptive()
                .basic(sender.username(), sender.password())
                .urlEncodingEnabled(false);
    }

    private static String decoded(String pathId) {
        return pathId.replace("%23", "#");
    }

    private void beganHoursAgo(OpenTransmission open, int hours) throws Exception {
        Sql.execute(
                dataSource,
                "UPDATE bdi_receiver_transaction SET receiver_transaction_begin_time = now() - interval '" + hours
                        + " hours' WHERE transaction_id = '" + decoded(open.transactionId()) + "'");
    }

    private Path transactionFolder(OpenTransmission open) throws Exception {
        return Path.of(Sql.single(
                        dataSource,
                        "SELECT dir FROM bdi_receiver_transmission WHERE transmission_id = '" + open.transmissionId()
                                + "'"))
                .getParent();
    }

    @Test
    void staleTransactionLosesItsFilesAndIsExpiredWhileAFreshOneIsUntouched() throws Exception {
        OpenTransmission stale = OpenTransmission.begin(this::asSender, "expiry-stale");
        asSender().body("1,a\n").post(stale.upload(1, 1)).then().statusCode(200);
        asSender().body("2,b\n").post(stale.upload(2, 1)).then().statusCode(200);
        OpenTransmission fresh = OpenTransmission.begin(this::asSender, "expiry-fresh");
        asSender().body("3,c\n").post(fresh.upload(1, 1)).then().statusCode(200);
        beganHoursAgo(stale, 25);
        beganHoursAgo(fresh, 23);
        Path staleFolder = transactionFolder(stale);
        assertThat(staleFolder.resolve(stale.transmissionId()).resolve("2")).isDirectory();

        assertThat(expiry.expireBegunBefore(OffsetDateTime.now(ZoneOffset.UTC).minusHours(24)))
                .containsExactly(decoded(stale.transactionId()));

        assertThat(staleFolder).doesNotExist();
        assertThat(Sql.column(
                        dataSource,
                        "SELECT receiver_transaction_status || ':' || (receiver_transaction_end_time"
                                + " IS NOT NULL) FROM bdi_receiver_transaction WHERE transaction_id = '"
                                + decoded(stale.transactionId())
                                + "'"))
                .containsExactly("EXPIRED:true");
        assertThat(Sql.column(
                        dataSource,
                        "SELECT receiver_transmission_status FROM bdi_receiver_transmission"
                                + " WHERE transmission_id = '" + stale.transmissionId() + "'"))
                .containsExactly("EXPIRED");
        assertThat(transactionFolder(fresh).resolve(fresh.transmissionId()).resolve("1"))
                .isDirectory();
        assertThat(Sql.column(
                        dataSource,
                        "SELECT receiver_transaction_status FROM bdi_receiver_transaction" + " WHERE transaction_id = '"
                                + decoded(fresh.transactionId()) + "'"))
                .containsExactly("IN_PROGRESS");
        // One RECEIVER_TRANSACTION_EXPIRED event in the notification outbox, committed with the EXPIRED state; a
        // second run finds nothing and records nothing.
        expiry.expireBegunBefore(OffsetDateTime.now(ZoneOffset.UTC).minusHours(24));
        assertThat(Sql.column(
                        dataSource,
                        "SELECT kind || ' ' || (payload->>'transactionId') FROM suite_event WHERE occurrence_key ="
                                + " 'receiver-transaction:" + decoded(stale.transactionId()) + ":EXPIRED'"))
                .containsExactly("RECEIVER_TRANSACTION_EXPIRED " + decoded(stale.transactionId()));
        assertThat(Sql.singleLong(
                        dataSource,
                        "SELECT count(*) FROM suite_event WHERE occurrence_key = 'receiver-transaction:"
                                + decoded(fresh.transactionId()) + ":EXPIRED'"))
                .isZero();
    }

    @Test
    void expiredTransactionRefusesEverySenderCallAndNoFileReappears() throws Exception {
        OpenTransmission stale = OpenTransmission.begin(this::asSender, "expiry-refuse");
        asSender().body("1,a\n").post(stale.upload(1, 1)).then().statusCode(200);
        beganHoursAgo(stale, 48);
        expiry.expireBegunBefore(OffsetDateTime.now(ZoneOffset.UTC).minusHours(24));
        Path folder = transactionFolder(stale);

        asSender().body("2,b\n").post(stale.upload(2, 1)).then().statusCode(409);
        asSender().post(stale.end(1)).then().statusCode(409);
        asSender()
                .post("/receiver/beginTransmission/" + stale.transactionId() + "/" + stale.transmissionId()
                        + "-2/RMS/Diff_Fnd/Diff/2/301/600/1")
                .then()
                .statusCode(409);
        asSender()
                .post("/receiver/endTransaction/" + stale.transactionId() + "/RMS/Diff_Fnd")
                .then()
                .statusCode(409)
                .body("code", equalTo("transaction-ended"));
        assertThat(folder).doesNotExist();
        asSender()
                .get("/receiver/transactions/" + stale.transactionId())
                .then()
                .statusCode(200)
                .body("transaction.receiverTransactionStatus", equalTo("EXPIRED"))
                .body("statusReason", startsWith("Not ended in time: begun "))
                .body("statusReason", containsString("received blocks deleted"))
                .body("handOver", nullValue());
    }

    /**
     * The transaction view shows what became of the data set a completed transaction handed over: the state the
     * importer left on the hand-over row, with its cause when it FAILED.
     */
    @Test
    void aCompletedTransactionShowsItsHandedOverDataSetAndWhyItsImportFailed() throws Exception {
        OpenTransmission done = OpenTransmission.begin(this::asSender, "hand-over-state");
        asSender().body("1,a\n").post(done.upload(1, 1)).then().statusCode(200);
        asSender().post(done.end(1)).then().statusCode(200);
        asSender()
                .post("/receiver/endTransaction/" + done.transactionId() + "/RMS/Diff_Fnd")
                .then()
                .statusCode(200);
        asSender()
                .get("/receiver/transactions/" + done.transactionId())
                .then()
                .statusCode(200)
                .body("statusReason", nullValue())
                .body("handOver.state", equalTo("PENDING"))
                .body("handOver.dataSetId", notNullValue());
        // What batch-admin's importer writes when it fails on the set (V31).
        Sql.execute(
                dataSource,
                "UPDATE bdi_upldr_iface_mod_data_ctl SET data_set_state = 'FAILED', failed_at = now(), state_cause ="
                        + " 'missing data for column \"diff_type\"' WHERE remote_transaction_id = '"
                        + decoded(done.transactionId()) + "'");
        asSender()
                .get("/receiver/transactions/" + done.transactionId())
                .then()
                .statusCode(200)
                .body("handOver.state", equalTo("FAILED"))
                .body("handOver.cause", equalTo("missing data for column \"diff_type\""))
                .body("handOver.failedAt", notNullValue());
    }

    @Test
    void completedTransactionsAreNeverExpiredAndARepeatedRunFindsNothing() throws Exception {
        OpenTransmission done = OpenTransmission.begin(this::asSender, "expiry-done");
        asSender().body("1,a\n").post(done.upload(1, 1)).then().statusCode(200);
        asSender().post(done.end(1)).then().statusCode(200);
        asSender()
                .post("/receiver/endTransaction/" + done.transactionId() + "/RMS/Diff_Fnd")
                .then()
                .statusCode(200);
        beganHoursAgo(done, 72);
        OffsetDateTime cutoff = OffsetDateTime.now(ZoneOffset.UTC).minusHours(24);

        assertThat(expiry.expireBegunBefore(cutoff)).doesNotContain(decoded(done.transactionId()));
        assertThat(expiry.expireBegunBefore(cutoff)).isEmpty();
        assertThat(transactionFolder(done).resolve(done.transmissionId()).resolve("1"))
                .isDirectory();
    }

    @Test
    void expiryIsScheduledInTheClusteredQuartzStoreUnderTheReceiversOwnName() throws Exception {
        assertThat(Sql.column(dataSource, "SELECT sched_name || '/' || trigger_name FROM qrtz_triggers"))
                .anyMatch(row -> row.startsWith("receiver-service/") && row.contains("receiver-transaction-expiry"));
        assertThat(Sql.column(dataSource, "SELECT sched_name FROM qrtz_scheduler_state"))
                .contains("receiver-service");
    }
}
