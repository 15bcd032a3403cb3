package org.bdisuite.receiver;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.bdisuite.model.Roles;
import org.bdisuite.test.EmbeddedPostgresResource;
import org.bdisuite.test.Sql;
import org.bdisuite.test.TestUsers;
import org.bdisuite.test.TestUsers.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** POST receiver/beginTransmission/{transactionId}/{transmissionId}/{sourceSystemName}/{interfaceModule}/... */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class BeginTransmissionTest {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    @Inject
    DataSource dataSource;

    private TestUser sender;
    private String transactionId;

    @BeforeEach
    void openTransaction() {
        sender = TestUsers.create(dataSource, "transmission-sender", Roles.OPERATOR);
        transactionId = "Tx%23" + (5000 + SEQUENCE.incrementAndGet());
        asSender()
                .post("/receiver/beginTransaction/" + transactionId + "/Diff_Fnd/RMS/rms/1/FULL/1468251927356")
                .then()
                .statusCode(200);
    }

    private RequestSpecification asSender() {
        return given().auth()
                .preemptive()
                .basic(sender.username(), sender.password())
                .urlEncodingEnabled(false);
    }

    private String beginTransmission(
            String transmissionId, String shortName, String partition, String from, String to, String beginBlock) {
        return "/receiver/beginTransmission/" + transactionId + "/" + transmissionId + "/RMS/Diff_Fnd/" + shortName
                + "/" + partition + "/" + from + "/" + to + "/" + beginBlock;
    }

    private String newTransmissionId() {
        return "T" + SEQUENCE.incrementAndGet();
    }

    @Test
    void storesTheTransmissionWithTheSpecsFields() throws Exception {
        String id = newTransmissionId();
        asSender()
                .post(beginTransmission(id, "Diff", "1", "1", "100", "1"))
                .then()
                .statusCode(200)
                .body("transmissionId", equalTo(id))
                .body("transactionId", equalTo(transactionId.replace("%23", "#")))
                .body("interfaceModule", equalTo("Diff_Fnd"))
                .body("interfaceShortName", equalTo("Diff"))
                .body("sourceSystemPartitionName", equalTo("1"))
                .body("sourceSystemPartitionBeginSequenceNumber", equalTo(1))
                .body("sourceSystemPartitionEndSequenceNumber", equalTo(100))
                .body("beginBlockNumber", equalTo(1))
                .body("endBlockNumber", nullValue())
                .body("dir", endsWith("/bdi-data/" + transactionId.replace("%23", "#") + "/" + id))
                .body("receiverTransmissionStatus", equalTo("IN_PROGRESS"));
        assertThat(Sql.singleLong(
                        dataSource,
                        "SELECT count(*) FROM bdi_receiver_transmission WHERE transmission_id = '" + id
                                + "' AND interface_short_name = 'Diff'"))
                .isEqualTo(1);
    }

    @Test
    void theInterfacesReceiverOptionsChooseTheBaseFolder() throws Exception {
        Path base = Path.of("target/options-base").toAbsolutePath();
        Sql.execute(
                dataSource,
                "INSERT INTO bdi_receiver_options (interface_module, interface_short_name, base_folder)"
                        + " VALUES ('Diff_Fnd', 'DiffGrp', '" + base + "') ON CONFLICT DO NOTHING");
        String id = newTransmissionId();
        asSender()
                .post(beginTransmission(id, "DiffGrp", "1", "1", "100", "1"))
                .then()
                .statusCode(200)
                .body(
                        "dir",
                        equalTo(base.resolve("bdi-data")
                                .resolve(transactionId.replace("%23", "#"))
                                .resolve(id)
                                .toString()));
    }

    @Test
    void aRetryReturnsTheStoredTransmissionAndAnotherPartitionIsAConflict() throws Exception {
        String id = newTransmissionId();
        long first = asSender()
                .post(beginTransmission(id, "Diff", "1", "1", "100", "1"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("receiverTransmissionId");
        long again = asSender()
                .post(beginTransmission(id, "Diff", "1", "1", "100", "1"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("receiverTransmissionId");
        assertThat(again).isEqualTo(first);
        asSender()
                .post(beginTransmission(id, "Diff", "2", "101", "200", "1"))
                .then()
                .statusCode(409)
                .body("code", equalTo("transmission-id-in-use"));
        assertThat(Sql.singleLong(
                        dataSource,
                        "SELECT count(*) FROM bdi_receiver_transmission WHERE transmission_id = '" + id + "'"))
                .isEqualTo(1);
    }

    @Test
    void theTransactionMustExistForThisModuleAndBeInProgress() throws Exception {
        asSender()
                .post("/receiver/beginTransmission/Tx%23999999/" + newTransmissionId() + "/RMS/Diff_Fnd/Diff/1/1/100/1")
                .then()
                .statusCode(404)
                .body("message", containsString("Tx#999999"));
        asSender()
                .post("/receiver/beginTransmission/" + transactionId + "/" + newTransmissionId()
                        + "/RMS/Item_Fnd/Item/1/1/100/1")
                .then()
                .statusCode(404);

        Sql.execute(
                dataSource,
                "UPDATE bdi_receiver_transaction SET receiver_transaction_status = 'COMPLETED',"
                        + " receiver_transaction_end_time = now() WHERE transaction_id = '"
                        + transactionId.replace("%23", "#") + "'");
        asSender()
                .post(beginTransmission(newTransmissionId(), "Diff", "1", "1", "100", "1"))
                .then()
                .statusCode(409)
                .body("code", equalTo("transaction-ended"));
    }

    @Test
    void badParametersAre400AndStoreNothing() throws Exception {
        long before = Sql.singleLong(dataSource, "SELECT count(*) FROM bdi_receiver_transmission");
        asSender()
                .post(beginTransmission(newTransmissionId(), "Diff", "1", "100", "1", "1"))
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("partitionBeginSeqNum"));
        asSender()
                .post(beginTransmission(newTransmissionId(), "Diff", "1", "one", "100", "1"))
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("partitionBeginSeqNum"));
        asSender()
                .post(beginTransmission(newTransmissionId(), "Diff", "1", "1", "100", "99999999999"))
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("beginBlockNumber"));
        asSender()
                .post(beginTransmission(newTransmissionId(), "Diff", "1", "1", "100", "-1"))
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("beginBlockNumber"));
        asSender()
                .post(beginTransmission("T%2F..%2F1", "Diff", "1", "1", "100", "1"))
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("transmissionId"));
        asSender()
                .post(beginTransmission(newTransmissionId(), "Di%5Cff", "1", "1", "100", "1"))
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("interfaceShortName"));
        asSender()
                .post(beginTransmission(newTransmissionId(), "Diff", "p%0A1", "1", "100", "1"))
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("partitionName"));
        assertThat(Sql.singleLong(dataSource, "SELECT count(*) FROM bdi_receiver_transmission"))
                .isEqualTo(before);
    }
}
