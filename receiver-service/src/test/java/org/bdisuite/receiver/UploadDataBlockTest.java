package org.bdisuite.receiver;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.bdisuite.model.Roles;
import org.bdisuite.test.EmbeddedPostgresResource;
import org.bdisuite.test.Sql;
import org.bdisuite.test.TestUsers;
import org.bdisuite.test.TestUsers.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** POST receiver/uploadDataBlock/{transactionId}/{transmissionId}/{sourceSystemName}/{interfaceModule}/... */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class UploadDataBlockTest {

    private static final String BLOCK = "1,RED,COLOR,FASHION\n2,BLUE,COLOR,FASHION\n";

    @Inject
    DataSource dataSource;

    private TestUser sender;
    private OpenTransmission open;
    private String transactionId;
    private String transmissionId;

    @BeforeEach
    void openTransmission() {
        sender = TestUsers.create(dataSource, "block-sender", Roles.OPERATOR);
        open = OpenTransmission.begin(this::asSender, "UP");
        transactionId = open.transactionId();
        transmissionId = open.transmissionId();
    }

    private RequestSpecification asSender() {
        return given().auth()
                .preemptive()
                .basic(sender.username(), sender.password())
                .urlEncodingEnabled(false);
    }

    private String upload(int blockNumber, int items) {
        return open.upload(blockNumber, items);
    }

    private Response send(int blockNumber, String body) {
        return asSender()
                .contentType("text/csv")
                .body(body.getBytes(StandardCharsets.UTF_8))
                .post(upload(blockNumber, 2));
    }

    @Test
    void storesTheBlockAsAFileAndARow() throws Exception {
        Response response = send(1, BLOCK);
        response.then()
                .statusCode(200)
                .body("transmissionId", equalTo(transmissionId))
                .body("blockNumber", equalTo(1))
                .body("blockItemCount", equalTo(2))
                .body("fileName", equalTo("Diff_1.csv"))
                .body("receiverBlockStatus", equalTo("RECEIVED"))
                .body("blockBytes", equalTo(BLOCK.length()))
                .body("sha256", equalTo(sha256Hex(BLOCK)));
        Path dir = Path.of(response.jsonPath().getString("dir"));
        assertThat(dir.toString())
                .endsWith("/bdi-data/" + transactionId.replace("%23", "#") + "/" + transmissionId + "/1");
        assertThat(Files.readString(dir.resolve("Diff_1.csv"))).isEqualTo(BLOCK);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("Diff_1.csv");
        }
        assertThat(Sql.singleLong(
                        dataSource,
                        "SELECT count(*) FROM receiver_transmission_block b"
                                + " JOIN bdi_receiver_transmission t USING (receiver_transmission_id) WHERE t.transmission_id = '"
                                + transmissionId + "' AND b.block_number = 1 AND b.sha256 = '" + sha256Hex(BLOCK)
                                + "'"))
                .isEqualTo(1);
    }

    @Test
    void eachPhaseOfAnUploadIsTimedAtMetrics() {
        send(1, BLOCK).then().statusCode(200);

        String metrics =
                asSender().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String phase : new String[] {
            "authentication",
            "dispatch",
            "target",
            "body",
            "lock",
            "file-force",
            "record",
            "folder-force",
            "quota",
            "commit",
            "response"
        }) {
            assertThat(metrics)
                    .containsPattern(
                            "(?m)^bdi_receiver_upload_phase_seconds_count\\{[^}]*phase=\"" + phase + "\"[^}]*} [1-9]");
        }
    }

    @Test
    void theSameBytesAgainReturnTheStoredBlockAndOtherBytesAreAConflict() throws Exception {
        long blockId =
                send(1, BLOCK).then().statusCode(200).extract().jsonPath().getLong("blockId");
        send(1, BLOCK).then().statusCode(200).body("blockId", equalTo((int) blockId));
        send(1, "3,GREEN,COLOR,FASHION\n").then().statusCode(409).body("code", equalTo("block-differs"));

        Path file = Path.of(send(1, BLOCK).jsonPath().getString("dir")).resolve("Diff_1.csv");
        assertThat(Files.readString(file)).isEqualTo(BLOCK);
        assertThat(blockRows()).isEqualTo(1);
    }

    @Test
    void aRetryRacingTheOriginalIsAnsweredWithTheStoredBlockAndOtherBytesRacingLoseWhole() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            java.util.List<java.util.concurrent.Future<Integer>> same = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                same.add(pool.submit(() -> send(1, BLOCK).statusCode()));
            }
            for (java.util.concurrent.Future<Integer> status : same) {
                assertThat(status.get()).isEqualTo(200);
            }
            String other = "9,other\n8,bytes\n";
            java.util.concurrent.Future<Integer> first =
                    pool.submit(() -> send(2, BLOCK).statusCode());
            java.util.concurrent.Future<Integer> second =
                    pool.submit(() -> send(2, other).statusCode());
            assertThat(java.util.List.of(first.get(), second.get())).containsExactlyInAnyOrder(200, 409);
            String stored = Sql.single(
                    dataSource,
                    "SELECT b.dir || '/' || b.file_name || ' ' || b.sha256 FROM"
                            + " receiver_transmission_block b JOIN bdi_receiver_transmission t ON t.receiver_transmission_id ="
                            + " b.receiver_transmission_id WHERE t.transmission_id = '" + transmissionId
                            + "' AND b.block_number = 2");
            String[] fileAndSha = stored.split(" ");
            // Whichever won, the file holds exactly the bytes its row's sha-256 names.
            assertThat(sha256Hex(Files.readString(Path.of(fileAndSha[0])))).isEqualTo(fileAndSha[1]);
        } finally {
            pool.shutdownNow();
        }
        assertThat(blockRows()).isEqualTo(2);
    }

    @Test
    void aDeclaredDigestIsVerified() throws Exception {
        String digest = Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256Hex(BLOCK)));
        asSender()
                .header("Content-Digest", "sha-256=:" + digest + ":")
                .contentType("text/csv")
                .body(BLOCK)
                .post(upload(1, 2))
                .then()
                .statusCode(200);
        asSender()
                .header("Digest", "sha-256=" + digest)
                .contentType("text/csv")
                .body("tampered\n")
                .post(upload(2, 1))
                .then()
                .statusCode(422)
                .body("code", equalTo("digest-mismatch"));
        assertThat(blockRows()).isEqualTo(1);
        assertThat(Files.exists(
                        Path.of(send(1, BLOCK).jsonPath().getString("dir")).resolveSibling("2")))
                .isFalse();
    }

    @Test
    void limitsAre413And422AndStoreNothing() throws Exception {
        byte[] tooLarge = new byte[1024 * 1024 + 1];
        asSender()
                .contentType("text/csv")
                .body(tooLarge)
                .post(upload(1, 1))
                .then()
                .statusCode(413)
                .body("status", equalTo("REQUEST_ENTITY_TOO_LARGE"));
        Sql.execute(
                dataSource,
                "UPDATE bdi_system_options SET variable_value = '5' WHERE variable_name = 'receiverMaxNumBlocks'");
        try {
            send(6, BLOCK).then().statusCode(422).body("code", equalTo("too-many-blocks"));
            send(5, BLOCK).then().statusCode(200);
        } finally {
            Sql.execute(
                    dataSource,
                    "UPDATE bdi_system_options SET variable_value = '10000' WHERE variable_name = 'receiverMaxNumBlocks'");
        }
        assertThat(blockRows()).isEqualTo(1);
    }

    @Test
    void receiverMaxNumBlocksCapsTheBlocksOfTheWholeTransaction() throws Exception {
        Sql.execute(
                dataSource,
                "UPDATE bdi_system_options SET variable_value = '3' WHERE variable_name = 'receiverMaxNumBlocks'");
        try {
            send(1, BLOCK).then().statusCode(200);
            send(2, BLOCK).then().statusCode(200);
            asSender()
                    .post("/receiver/beginTransmission/" + transactionId + "/" + transmissionId
                            + "-second/RMS/Diff_Fnd/Diff/2/301/600/1")
                    .then()
                    .statusCode(200);
            String second =
                    "/receiver/uploadDataBlock/" + transactionId + "/" + transmissionId + "-second/RMS/Diff_Fnd/Diff/";
            asSender()
                    .contentType("text/csv")
                    .body(BLOCK)
                    .post(second + "1/2")
                    .then()
                    .statusCode(200);
            asSender()
                    .contentType("text/csv")
                    .body(BLOCK)
                    .post(second + "2/2")
                    .then()
                    .statusCode(422)
                    .body("code", equalTo("too-many-blocks"))
                    .body("message", containsString("already holds 3 blocks"));
            // A retry of a block already held is still answered: the cap limits new blocks only.
            send(2, BLOCK).then().statusCode(200);
        } finally {
            Sql.execute(
                    dataSource,
                    "UPDATE bdi_system_options SET variable_value = '10000' WHERE variable_name = 'receiverMaxNumBlocks'");
        }
        assertThat(Sql.singleLong(
                        dataSource,
                        "SELECT count(*) FROM receiver_transmission_block b JOIN"
                                + " bdi_receiver_transmission t ON t.receiver_transmission_id = b.receiver_transmission_id"
                                + " WHERE t.transmission_id IN ('" + transmissionId + "', '" + transmissionId
                                + "-second')"))
                .isEqualTo(3);
    }

    @Test
    void unknownOrEndedTransmissionsAndBadNumbers() throws Exception {
        asSender()
                .contentType("text/csv")
                .body(BLOCK)
                .post("/receiver/uploadDataBlock/" + transactionId + "/NoSuch/RMS/Diff_Fnd/Diff/1/2")
                .then()
                .statusCode(404);
        asSender()
                .contentType("text/csv")
                .body(BLOCK)
                .post("/receiver/uploadDataBlock/" + transactionId + "/" + transmissionId + "/RMS/Diff_Fnd/Diff/one/2")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("blockNumber"));
        asSender()
                .contentType("text/csv")
                .body(BLOCK)
                .post(upload(0, 2))
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("blockNumber"));
        send(1, BLOCK).then().statusCode(200);
        Sql.execute(
                dataSource,
                "UPDATE bdi_receiver_transmission SET receiver_transmission_status = 'COMPLETED',"
                        + " end_block_number = 1, receiver_transmission_end_time = now() WHERE transmission_id = '"
                        + transmissionId + "'");
        send(2, BLOCK).then().statusCode(409).body("code", equalTo("transmission-ended"));
        send(1, BLOCK).then().statusCode(200);
        assertThat(blockRows()).isEqualTo(1);
    }

    /**
     * An upload whose body is stored while endTransmission (or the expiry) holds the transmission's row lock waits
     * for that lock before it decides, then sees the transmission ended: 409, no row, no file. An upload that
     * decided on what it read before the lock would store a block in an ended transmission.
     */
    @Test
    void anUploadWaitingForTheTransmissionLockSeesItEndedAndStoresNothing() throws Exception {
        send(1, BLOCK).then().statusCode(200);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        try (java.sql.Connection ending = dataSource.getConnection()) {
            ending.setAutoCommit(false);
            try (java.sql.Statement statement = ending.createStatement()) {
                statement.execute("SELECT 1 FROM bdi_receiver_transmission WHERE transmission_id = '" + transmissionId
                        + "' FOR UPDATE");
                statement.executeUpdate("UPDATE bdi_receiver_transmission SET receiver_transmission_status ="
                        + " 'COMPLETED', end_block_number = 1, receiver_transmission_end_time = now()"
                        + " WHERE transmission_id = '" + transmissionId + "'");
            }
            java.util.concurrent.Future<Response> waiting = pool.submit(() -> send(2, BLOCK));
            awaitABackendWaitingForALock();
            ending.commit();
            waiting.get(60, java.util.concurrent.TimeUnit.SECONDS)
                    .then()
                    .statusCode(409)
                    .body("code", equalTo("transmission-ended"));
        } finally {
            pool.shutdownNow();
        }
        assertThat(blockRows()).isEqualTo(1);
        Path transmissionFolder = Path.of(send(1, BLOCK)
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getString("dir"))
                .getParent();
        assertThat(Files.exists(transmissionFolder.resolve("2").resolve("Diff_2.csv")))
                .isFalse();
    }

    private void awaitABackendWaitingForALock() throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (Sql.singleLong(
                        dataSource,
                        "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                                + " AND query LIKE '%FOR SHARE%'")
                == 0) {
            assertThat(System.currentTimeMillis())
                    .as("an upload waiting for the row lock")
                    .isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void aMonitorMayNotUpload() {
        TestUser monitor = TestUsers.create(dataSource, "block-monitor", Roles.MONITOR);
        given().auth()
                .preemptive()
                .basic(monitor.username(), monitor.password())
                .urlEncodingEnabled(false)
                .contentType("text/csv")
                .body(BLOCK)
                .post(upload(1, 2))
                .then()
                .statusCode(403);
    }

    private long blockRows() throws Exception {
        return Sql.singleLong(
                dataSource,
                "SELECT count(*) FROM receiver_transmission_block b JOIN bdi_receiver_transmission t"
                        + " USING (receiver_transmission_id) WHERE t.transmission_id = '" + transmissionId + "'");
    }

    private static String sha256Hex(String text) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
