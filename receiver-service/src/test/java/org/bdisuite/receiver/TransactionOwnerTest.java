package org.bdisuite.receiver;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.bdisuite.model.Roles;
import org.bdisuite.test.EmbeddedPostgresResource;
import org.bdisuite.test.Sql;
import org.bdisuite.test.TestUsers;
import org.bdisuite.test.TestUsers.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A receiver transaction belongs to the user who began it: another sender (bdi-operator) can neither add
 * transmissions or blocks to it, nor end it, nor take it over by beginning it again; an admin can.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class TransactionOwnerTest {

    private static final String BLOCK = "1,RED,COLOR\n2,BLUE,COLOR\n";
    /** The test folder outlives the database: ids new in every run keep an earlier run's files out of the checks. */
    private static final String RUN = java.util.UUID.randomUUID().toString().substring(0, 8);

    @Inject
    DataSource dataSource;

    private TestUser alice;
    private TestUser bob;
    private TestUser admin;
    private OpenTransmission open;

    @BeforeEach
    void aliceOpensATransmission() {
        alice = TestUsers.create(dataSource, "owner-alice", Roles.OPERATOR);
        bob = TestUsers.create(dataSource, "owner-bob", Roles.OPERATOR);
        admin = TestUsers.create(dataSource, "owner-admin", Roles.ADMIN);
        open = OpenTransmission.begin(() -> as(alice), "OWN" + RUN);
    }

    private static RequestSpecification as(TestUser user) {
        return given().auth()
                .preemptive()
                .basic(user.username(), user.password())
                .urlEncodingEnabled(false);
    }

    private static void isNotOwner(ValidatableResponse response) {
        response.statusCode(403).body("status", equalTo("FORBIDDEN")).body("code", equalTo("not-transaction-owner"));
    }

    private String beginTransaction() {
        return "/receiver/beginTransaction/" + open.transactionId() + "/Diff_Fnd/RMS/rms/1/FULL/1468251927356";
    }

    private String beginSecondTransmission() {
        return "/receiver/beginTransmission/" + open.transactionId() + "/" + open.transmissionId()
                + "b/RMS/Diff_Fnd/Diff/2/301/600/1";
    }

    private String endTransaction() {
        return "/receiver/endTransaction/" + open.transactionId() + "/RMS/Diff_Fnd";
    }

    private String transactionStatus() throws Exception {
        return Sql.single(
                dataSource,
                "SELECT receiver_transaction_status FROM bdi_receiver_transaction" + " WHERE transaction_id = '"
                        + open.transactionId().replace("%23", "#") + "'");
    }

    private long blockRows() throws Exception {
        return Sql.singleLong(
                dataSource,
                "SELECT count(*) FROM receiver_transmission_block b JOIN"
                        + " bdi_receiver_transmission t USING (receiver_transmission_id) WHERE t.transmission_id = '"
                        + open.transmissionId() + "'");
    }

    private long transmissionRows() throws Exception {
        return Sql.singleLong(
                dataSource,
                "SELECT count(*) FROM bdi_receiver_transmission t JOIN bdi_receiver_transaction x"
                        + " USING (receiver_transaction_id) WHERE x.transaction_id = '"
                        + open.transactionId().replace("%23", "#") + "'");
    }

    @Test
    void theTransactionRecordsWhoBeganIt() throws Exception {
        assertThat(Sql.single(
                        dataSource,
                        "SELECT owner_username FROM bdi_receiver_transaction WHERE transaction_id = '"
                                + open.transactionId().replace("%23", "#") + "'"))
                .isEqualTo(alice.username());
    }

    @Test
    void anotherSenderCannotAddATransmission() throws Exception {
        isNotOwner(as(bob).post(beginSecondTransmission()).then());
        assertThat(transmissionRows()).isEqualTo(1);
    }

    @Test
    void anotherSenderCannotUploadABlock() throws Exception {
        isNotOwner(as(bob).contentType("text/csv")
                .body(BLOCK)
                .post(open.upload(1, 2))
                .then());
        assertThat(blockRows()).isZero();
        Path transmissionFolder = Path.of(as(alice)
                .get("/receiver/transactions/" + open.transactionId())
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getString("transmissions[0].transmission.dir"));
        assertThat(Files.exists(transmissionFolder.resolve("1")))
                .as("no folder for block 1")
                .isFalse();
    }

    @Test
    void anotherSenderCannotEndTheTransmissionOrTheTransaction() throws Exception {
        as(alice)
                .contentType("text/csv")
                .body(BLOCK)
                .post(open.upload(1, 2))
                .then()
                .statusCode(200);
        isNotOwner(as(bob).post(open.end(1)).then());
        assertThat(Sql.single(
                        dataSource,
                        "SELECT receiver_transmission_status FROM bdi_receiver_transmission"
                                + " WHERE transmission_id = '" + open.transmissionId() + "'"))
                .isEqualTo("IN_PROGRESS");

        as(alice).post(open.end(1)).then().statusCode(200);
        isNotOwner(as(bob).post(endTransaction()).then());
        assertThat(transactionStatus()).isEqualTo("IN_PROGRESS");
        assertThat(Sql.singleLong(
                        dataSource,
                        "SELECT count(*) FROM bdi_upldr_iface_mod_data_ctl" + " WHERE remote_transaction_id = '"
                                + open.transactionId().replace("%23", "#") + "'"))
                .isZero();
    }

    @Test
    void anotherSendersBeginWithTheSameIdNeitherLeaksNorTakesOver() throws Exception {
        ValidatableResponse response = as(bob).post(beginTransaction()).then();
        isNotOwner(response);
        response.body("$", not(hasKey("receiverTransactionId"))).body("$", not(hasKey("dir")));
        // The same for other values: the answer does not tell whether bob's values match alice's.
        isNotOwner(as(bob).post(
                        "/receiver/beginTransaction/" + open.transactionId() + "/Diff_Fnd/RMS/rms/2/FULL/1468251927356")
                .then());
        assertThat(Sql.single(
                        dataSource,
                        "SELECT owner_username FROM bdi_receiver_transaction WHERE transaction_id = '"
                                + open.transactionId().replace("%23", "#") + "'"))
                .isEqualTo(alice.username());
        isNotOwner(as(bob).contentType("text/csv")
                .body(BLOCK)
                .post(open.upload(1, 2))
                .then());
    }

    @Test
    void theOwnersRetriesKeepWorking() throws Exception {
        long id = as(alice)
                .post(beginTransaction())
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("receiverTransactionId");
        as(alice).post(beginTransaction()).then().statusCode(200).body("receiverTransactionId", equalTo((int) id));
        as(alice)
                .post("/receiver/beginTransmission/" + open.transactionId() + "/" + open.transmissionId()
                        + "/RMS/Diff_Fnd/Diff/1/1/300/1")
                .then()
                .statusCode(200);
        as(alice)
                .contentType("text/csv")
                .body(BLOCK)
                .post(open.upload(1, 2))
                .then()
                .statusCode(200);
        as(alice)
                .contentType("text/csv")
                .body(BLOCK)
                .post(open.upload(1, 2))
                .then()
                .statusCode(200);
        as(alice).post(open.end(1)).then().statusCode(200);
        as(alice).post(open.end(1)).then().statusCode(200);
        as(alice).post(endTransaction()).then().statusCode(200).body("receiverTransactionStatus", equalTo("COMPLETED"));
        as(alice).post(endTransaction()).then().statusCode(200).body("receiverTransactionStatus", equalTo("COMPLETED"));
    }

    @Test
    void anAdminMayChangeAnySendersTransactionWithoutTakingItOver() throws Exception {
        as(admin).post(beginTransaction()).then().statusCode(200);
        as(admin)
                .contentType("text/csv")
                .body(BLOCK)
                .post(open.upload(1, 2))
                .then()
                .statusCode(200);
        as(admin).post(open.end(1)).then().statusCode(200);
        as(admin).post(endTransaction()).then().statusCode(200).body("receiverTransactionStatus", equalTo("COMPLETED"));
        assertThat(Sql.single(
                        dataSource,
                        "SELECT owner_username FROM bdi_receiver_transaction WHERE transaction_id = '"
                                + open.transactionId().replace("%23", "#") + "'"))
                .isEqualTo(alice.username());
    }

    @Test
    void aTransactionWithoutARecordedOwnerIsLeftToAdmins() throws Exception {
        // As migrated from before owners were recorded.
        Sql.execute(
                dataSource,
                "UPDATE bdi_receiver_transaction SET owner_username = NULL WHERE transaction_id = '"
                        + open.transactionId().replace("%23", "#") + "'");
        isNotOwner(as(alice)
                .contentType("text/csv")
                .body(BLOCK)
                .post(open.upload(1, 2))
                .then());
        isNotOwner(as(alice).post(beginTransaction()).then());
        assertThat(blockRows()).isZero();
        as(admin)
                .contentType("text/csv")
                .body(BLOCK)
                .post(open.upload(1, 2))
                .then()
                .statusCode(200);
        as(admin).post(open.end(1)).then().statusCode(200);
        as(admin).post(endTransaction()).then().statusCode(200);
    }
}
