package org.bdisuite.receiver;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import org.bdisuite.model.Roles;
import org.bdisuite.test.EmbeddedPostgresResource;
import org.bdisuite.test.Sql;
import org.bdisuite.test.TestUsers;
import org.bdisuite.test.TestUsers.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** POST receiver/endTransmission/{transmissionId}/{sourceSystemName}/{interfaceModule}/{interfaceShortName}/{numBlocks} */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class EndTransmissionTest {

    @Inject
    DataSource dataSource;

    private TestUser sender;
    private OpenTransmission open;
    private String transmissionId;

    @BeforeEach
    void openTransmission() {
        sender = TestUsers.create(dataSource, "end-sender", Roles.OPERATOR);
        open = OpenTransmission.begin(this::asSender, "EN");
        transmissionId = open.transmissionId();
    }

    private RequestSpecification asSender() {
        return given().auth()
                .preemptive()
                .basic(sender.username(), sender.password())
                .urlEncodingEnabled(false);
    }

    private void upload(int blockNumber) {
        asSender()
                .contentType("text/csv")
                .body(blockNumber + ",row\n")
                .post(open.upload(blockNumber, 1))
                .then()
                .statusCode(200);
    }

    private String end(int numBlocks) {
        return open.end(numBlocks);
    }

    @Test
    void endsWhenEveryBlockArrivedAndAgainReturnsTheSameResult() throws Exception {
        upload(1);
        upload(2);
        upload(3);
        asSender()
                .post(end(3))
                .then()
                .statusCode(200)
                .body("transmissionId", equalTo(transmissionId))
                .body("beginBlockNumber", equalTo(1))
                .body("endBlockNumber", equalTo(3))
                .body("receiverTransmissionStatus", equalTo("COMPLETED"));
        asSender().post(end(3)).then().statusCode(200).body("endBlockNumber", equalTo(3));
        asSender().post(end(4)).then().statusCode(409).body("code", equalTo("transmission-ended"));
        assertThat(Sql.single(
                        dataSource,
                        "SELECT receiver_transmission_status || ' ' || end_block_number"
                                + " FROM bdi_receiver_transmission WHERE transmission_id = '" + transmissionId + "'"))
                .isEqualTo("COMPLETED 3");
    }

    @Test
    void missingOrExtraBlocksAreAConflictAndChangeNothing() throws Exception {
        upload(1);
        upload(3);
        asSender()
                .post(end(2))
                .then()
                .statusCode(409)
                .body("code", equalTo("blocks-missing"))
                .body("message", containsString("numbers 1 to 3"));
        asSender().post(end(3)).then().statusCode(409);
        asSender().post(end(1)).then().statusCode(409);
        upload(2);
        asSender().post(end(3)).then().statusCode(200);
    }

    @Test
    void aTransmissionWithoutBlocksEndsWithZero() {
        asSender().post(end(1)).then().statusCode(409);
        asSender().post(end(0)).then().statusCode(200).body("endBlockNumber", equalTo(0));
    }

    @Test
    void unknownTransmissionsAndBadNumbers() {
        asSender()
                .post("/receiver/endTransmission/NoSuch/RMS/Diff_Fnd/Diff/1")
                .then()
                .statusCode(404);
        asSender()
                .post("/receiver/endTransmission/" + transmissionId + "/RMS/Diff_Fnd/Diff/many")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("numBlocks"));
        asSender()
                .post("/receiver/endTransmission/" + transmissionId + "/RMS/Diff_Fnd/Di%2Fff/1")
                .then()
                .statusCode(400);
        TestUser monitor = TestUsers.create(dataSource, "end-monitor", Roles.MONITOR);
        given().auth()
                .preemptive()
                .basic(monitor.username(), monitor.password())
                .post(end(0))
                .then()
                .statusCode(403);
    }
}
