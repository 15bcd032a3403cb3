package org.bdisuite.receiver;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import javax.sql.DataSource;
import org.bdisuite.model.Roles;
import org.bdisuite.test.EmbeddedPostgresResource;
import org.bdisuite.test.TestUsers;
import org.bdisuite.test.TestUsers.TestUser;
import org.junit.jupiter.api.Test;

/** GET receiver/transactions/{transactionId} and GET receiver/transmissions/{transmissionId}/blocks. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class ResumeStateTest {

    @Inject
    DataSource dataSource;

    @Test
    void aSenderSeesWhatTheReceiverHoldsAndAMonitorMayLook() throws Exception {
        TestUser sender = TestUsers.create(dataSource, "resume-sender", Roles.OPERATOR);
        RequestSpecification asSender = given().auth()
                .preemptive()
                .basic(sender.username(), sender.password())
                .urlEncodingEnabled(false);
        asSender.post("/receiver/beginTransaction/Tx%2330001/Diff_Fnd/RMS/rms/1/FULL/1468251927356")
                .then()
                .statusCode(200);
        asSender.post("/receiver/beginTransmission/Tx%2330001/R1/RMS/Diff_Fnd/Diff/1/1/10/1")
                .then()
                .statusCode(200);
        asSender.post("/receiver/beginTransmission/Tx%2330001/R2/RMS/Diff_Fnd/Diff/2/11/20/1")
                .then()
                .statusCode(200);
        for (int b : List.of(1, 2, 4)) {
            asSender.contentType("text/csv")
                    .body("row " + b + "\n")
                    .post("/receiver/uploadDataBlock/Tx%2330001/R1/RMS/Diff_Fnd/Diff/" + b + "/1")
                    .then()
                    .statusCode(200);
        }

        TestUser monitor = TestUsers.create(dataSource, "resume-monitor", Roles.MONITOR);
        RequestSpecification asMonitor = given().auth()
                .preemptive()
                .basic(monitor.username(), monitor.password())
                .urlEncodingEnabled(false);
        asMonitor
                .get("/receiver/transactions/Tx%2330001")
                .then()
                .statusCode(200)
                .body("transaction.transactionId", equalTo("Tx#30001"))
                .body("transmissions", hasSize(2))
                .body("transmissions[0].transmission.transmissionId", equalTo("R1"))
                .body("transmissions[0].blocksReceived", equalTo(3))
                .body("transmissions[0].highestBlockNumber", equalTo(4))
                .body("transmissions[1].blocksReceived", equalTo(0));

        asMonitor
                .get("/receiver/transmissions/R1/blocks")
                .then()
                .statusCode(200)
                .body("blocks.blockNumber", equalTo(List.of(1, 2, 4)))
                .body("blocks[2].blockBytes", equalTo(6))
                .body("blocks[2].sha256", equalTo(sha256Hex("row 4\n")))
                .body("blocks[0].blockItemCount", equalTo(1));
        asMonitor
                .get(
                        "/receiver/transmissions/R1/blocks?sourceSystemName=RMS&interfaceModule=Diff_Fnd&interfaceShortName=Diff")
                .then()
                .statusCode(200)
                .body("blocks", hasSize(3));
    }

    @Test
    void unknownAmbiguousAndBadIds() {
        TestUser admin = TestUsers.create(dataSource, "resume-admin", Roles.ADMIN);
        RequestSpecification asAdmin = given().auth()
                .preemptive()
                .basic(admin.username(), admin.password())
                .urlEncodingEnabled(false);
        asAdmin.get("/receiver/transactions/Tx%23404404").then().statusCode(404);
        asAdmin.get("/receiver/transmissions/NoSuch/blocks").then().statusCode(404);
        asAdmin.get("/receiver/transactions/Tx%2F1").then().statusCode(400);

        asAdmin.post("/receiver/beginTransaction/Tx%2330002/Diff_Fnd/RMS/rms/1/FULL/1468251927356")
                .then()
                .statusCode(200);
        asAdmin.post("/receiver/beginTransmission/Tx%2330002/Same/RMS/Diff_Fnd/Diff/1/1/10/1")
                .then()
                .statusCode(200);
        asAdmin.post("/receiver/beginTransmission/Tx%2330002/Same/RMS/Diff_Fnd/DiffGrp/1/1/10/1")
                .then()
                .statusCode(409)
                .body("code", equalTo("transmission-id-in-use"));
        asAdmin.post("/receiver/beginTransaction/Tx%2330003/Diff_Fnd/RMS/rms/2/FULL/1468251927356")
                .then()
                .statusCode(200);
        asAdmin.post("/receiver/beginTransmission/Tx%2330003/Same/RMS/Diff_Fnd/DiffGrp/1/1/10/1")
                .then()
                .statusCode(200);
        asAdmin.get("/receiver/transmissions/Same/blocks")
                .then()
                .statusCode(400)
                .body("code", equalTo("ambiguous-transmission"));
        asAdmin.get("/receiver/transmissions/Same/blocks?interfaceShortName=DiffGrp")
                .then()
                .statusCode(200)
                .body("transmission.interfaceShortName", equalTo("DiffGrp"));
        TestUser exporter = TestUsers.create(dataSource, "resume-exporter", Roles.DATA_EXPORTER);
        given().auth()
                .preemptive()
                .basic(exporter.username(), exporter.password())
                .urlEncodingEnabled(false)
                .get("/receiver/transactions/Tx%2330002")
                .then()
                .statusCode(403);
    }

    private static String sha256Hex(String text) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
