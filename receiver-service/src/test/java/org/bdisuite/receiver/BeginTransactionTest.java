package org.bdisuite.receiver;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.bdisuite.model.Roles;
import org.bdisuite.test.EmbeddedPostgresResource;
import org.bdisuite.test.Sql;
import org.bdisuite.test.TestUsers;
import org.bdisuite.test.TestUsers.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** POST receiver/beginTransaction/{transactionId}/{interfaceModule}/{sourceSystemName}/{sourceSystemId}/... */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class BeginTransactionTest {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    @Inject
    DataSource dataSource;

    private TestUser sender;

    @BeforeEach
    void users() {
        sender = TestUsers.create(dataSource, "begin-sender", Roles.OPERATOR);
    }

    private RequestSpecification asSender() {
        return given().auth()
                .preemptive()
                .basic(sender.username(), sender.password())
                .urlEncodingEnabled(false);
    }

    private static String newTransactionId() {
        return "Tx%23" + (1000 + SEQUENCE.incrementAndGet());
    }

    private static String begin(String transactionId, String dataSetId, String type, String readyTime) {
        return "/receiver/beginTransaction/" + transactionId + "/Diff_Fnd/RMS/http%3A%2F%2Frms.example%3A7001/"
                + dataSetId + "/" + type + "/" + readyTime;
    }

    @Test
    void storesTheTransactionAndAnswersWithTheSpecsFields() throws Exception {
        String id = newTransactionId();
        Response response = asSender().post(begin(id, "42", "FULL", "2026-11-22T10:15:30Z"));
        response.then()
                .statusCode(200)
                .body("transactionId", equalTo(id.replace("%23", "#")))
                .body("interfaceModule", equalTo("Diff_Fnd"))
                .body("sourceSystemName", equalTo("RMS"))
                .body("sourceSystemId", equalTo("http://rms.example:7001"))
                .body("sourceDataSetId", equalTo(42))
                .body("dataSetType", equalTo("FULL"))
                .body("sourceSystemDataSetReadyTime", equalTo("2026-11-22T10:15:30Z"))
                .body("dir", endsWith("/bdi-data/" + id.replace("%23", "#")))
                .body("fileName", nullValue())
                .body("receiverTransactionStatus", equalTo("IN_PROGRESS"))
                .body("receiverTransactionEndTime", nullValue());
        assertThat(response.jsonPath().getLong("receiverTransactionId")).isPositive();
        assertThat(response.jsonPath().getString("receiverTransactionBeginTime"))
                .isNotBlank();

        assertThat(Sql.singleLong(
                        dataSource,
                        "SELECT count(*) FROM bdi_receiver_transaction WHERE transaction_id = '"
                                + id.replace("%23", "#") + "' AND source_data_set_id = 42 AND data_set_type = 'FULL'"
                                + " AND receiver_transaction_status = 'IN_PROGRESS'"))
                .isEqualTo(1);
    }

    @Test
    void theSpecsTimestampFormatAndEpochMillisecondsAreReadAsUtc() {
        asSender()
                .post(begin(newTransactionId(), "1", "PARTIAL", "2016-07-11%2015:45:27.356"))
                .then()
                .statusCode(200)
                .body("sourceSystemDataSetReadyTime", equalTo("2016-07-11T15:45:27.356Z"));
        asSender()
                .post(begin(newTransactionId(), "1", "PARTIAL", "1468251927356"))
                .then()
                .statusCode(200)
                .body("sourceSystemDataSetReadyTime", equalTo("2016-07-11T15:45:27.356Z"));
    }

    @Test
    void aRetriedBeginReturnsTheStoredTransaction() throws Exception {
        String id = newTransactionId();
        long first = asSender()
                .post(begin(id, "7", "FULL", "2026-11-22T10:15:30Z"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("receiverTransactionId");
        long second = asSender()
                .post(begin(id, "7", "FULL", "2026-11-22T11:15:30%2B01:00"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("receiverTransactionId");
        assertThat(second).isEqualTo(first);
        assertThat(Sql.singleLong(
                        dataSource,
                        "SELECT count(*) FROM bdi_receiver_transaction WHERE transaction_id = '"
                                + id.replace("%23", "#") + "'"))
                .isEqualTo(1);
    }

    @Test
    void aTransactionIdInUseForAnotherDataSetIsAConflict() throws Exception {
        String id = newTransactionId();
        asSender().post(begin(id, "7", "FULL", "2026-11-22T10:15:30Z")).then().statusCode(200);
        asSender()
                .post(begin(id, "8", "FULL", "2026-11-22T10:15:30Z"))
                .then()
                .statusCode(409)
                .body("code", equalTo("transaction-id-in-use"))
                .body("message", containsString("data set 7"));
    }

    @Test
    void badParametersAre400AndStoreNothing() throws Exception {
        long before = Sql.singleLong(dataSource, "SELECT count(*) FROM bdi_receiver_transaction");
        asSender()
                .post(begin(newTransactionId(), "7", "HALF", "2026-11-22T10:15:30Z"))
                .then()
                .statusCode(400)
                .body("message", containsString("dataSetType"))
                .body("message", containsString("FULL"));
        asSender()
                .post(begin(newTransactionId(), "seven", "FULL", "2026-11-22T10:15:30Z"))
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("sourceDataSetId"));
        asSender()
                .post(begin(newTransactionId(), "7", "FULL", "yesterday"))
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("sourceSystemDataSetReadyTime"));
        // Times Java reads but PostgreSQL cannot store (found by the contract fuzz as a 500).
        for (String outOfRange :
                new String[] {"9223372036854775807", "+999999999-12-31T23:59:59Z", "9999-12-31T23:30:00-01:00"}) {
            asSender()
                    .post(begin(newTransactionId(), "7", "FULL", outOfRange))
                    .then()
                    .statusCode(400)
                    .body("errors[0].field", equalTo("sourceSystemDataSetReadyTime"))
                    .body("message", containsString("between the years 1 and 9999"));
        }
        for (String badId :
                new String[] {"Tx%2F1", "Tx%5C1", "Tx%00", "Tx%0A1", "Tx%25252e", "Tx%201", "a".repeat(129)}) {
            asSender()
                    .post(begin(badId, "7", "FULL", "2026-11-22T10:15:30Z"))
                    .then()
                    .statusCode(400)
                    .body("errors[0].field", equalTo("transactionId"));
        }
        // Dot segments are removed by the HTTP layer before routing (RFC 3986), so they never reach a handler.
        for (String dotSegment : new String[] {"..", "%2E%2E", "."}) {
            asSender()
                    .post(begin(dotSegment, "7", "FULL", "2026-11-22T10:15:30Z"))
                    .then()
                    .statusCode(404);
        }
        assertThat(Sql.singleLong(dataSource, "SELECT count(*) FROM bdi_receiver_transaction"))
                .isEqualTo(before);
    }

    @Test
    void onlySendersAndAdministratorsMayBegin() {
        TestUser monitor = TestUsers.create(dataSource, "begin-monitor", Roles.MONITOR);
        given().auth()
                .preemptive()
                .basic(monitor.username(), monitor.password())
                .urlEncodingEnabled(false)
                .post(begin(newTransactionId(), "7", "FULL", "2026-11-22T10:15:30Z"))
                .then()
                .statusCode(403);
        given().urlEncodingEnabled(false)
                .post(begin(newTransactionId(), "7", "FULL", "2026-11-22T10:15:30Z"))
                .then()
                .statusCode(401);
    }
}
