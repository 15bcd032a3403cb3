package org.bdisuite.receiver;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.bdisuite.model.Roles;
import org.bdisuite.receiver.persistence.ModuleUsageStore;
import org.bdisuite.receiver.service.AbandonedReservations;
import org.bdisuite.receiver.service.TransactionExpiry;
import org.bdisuite.test.EmbeddedPostgresResource;
import org.bdisuite.test.Sql;
import org.bdisuite.test.TestUsers;
import org.bdisuite.test.TestUsers.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The quota on open receiver data per interface module (suite.receiver.quota): the blocks of a module's
 * transactions that are not yet ended may not take more bytes than its quota; an upload that would is a 507 with
 * the error body and stores nothing; ending or expiring a transaction frees what it held. Each test uses its own
 * module, given a quota of 100 bytes (1000 for the metrics) in the test configuration.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class OpenDataQuotaTest {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    /** The test folder outlives the database: ids new in every run keep an earlier run's files out of the checks. */
    private static final String RUN = java.util.UUID.randomUUID().toString().substring(0, 8);

    @Inject
    DataSource dataSource;

    @Inject
    TransactionExpiry expiry;

    @Inject
    ModuleUsageStore usage;

    @Inject
    AbandonedReservations abandoned;

    private TestUser sender;

    @BeforeEach
    void createSender() {
        sender = TestUsers.create(dataSource, "quota-sender", Roles.OPERATOR);
    }

    private RequestSpecification asSender() {
        return given().auth()
                .preemptive()
                .basic(sender.username(), sender.password())
                .urlEncodingEnabled(false);
    }

    /** A transaction of the module with one transmission in progress, begun through the API. */
    private record Open(String module, String transactionId, String transmissionId) {

        String upload(int blockNumber) {
            return "/receiver/uploadDataBlock/" + transactionId + "/" + transmissionId + "/RMS/" + module + "/Diff/"
                    + blockNumber + "/1";
        }
    }

    private Open begin(String module) {
        int n = SEQUENCE.incrementAndGet();
        Open open = new Open(module, "QTx" + RUN + n, "QT" + RUN + n);
        asSender()
                .post("/receiver/beginTransaction/" + open.transactionId() + "/" + module
                        + "/RMS/rms/1/FULL/1468251927356")
                .then()
                .statusCode(200);
        asSender()
                .post("/receiver/beginTransmission/" + open.transactionId() + "/" + open.transmissionId() + "/RMS/"
                        + module + "/Diff/1/1/300/1")
                .then()
                .statusCode(200);
        return open;
    }

    /** A body of exactly {@code bytes} bytes: one CSV line. */
    private static byte[] body(int bytes) {
        return ("x".repeat(bytes - 1) + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    private ValidatableResponse send(Open open, int blockNumber, int bytes) {
        return asSender()
                .contentType("text/csv")
                .body(body(bytes))
                .post(open.upload(blockNumber))
                .then();
    }

    private static void isQuotaExceeded(ValidatableResponse response) {
        response.statusCode(507)
                .body("statusCode", equalTo(507))
                .body("status", equalTo("INSUFFICIENT_STORAGE"))
                .body("code", equalTo("quota-exceeded"));
    }

    private long openBytes(String module) throws Exception {
        return Sql.singleLong(
                dataSource,
                "SELECT coalesce(sum(open_bytes), 0) FROM bdi_receiver_module_usage" + " WHERE interface_module = '"
                        + module + "'");
    }

    private long blockRows(Open open) throws Exception {
        return Sql.singleLong(
                dataSource,
                "SELECT count(*) FROM receiver_transmission_block b JOIN"
                        + " bdi_receiver_transmission t USING (receiver_transmission_id) WHERE t.transmission_id = '"
                        + open.transmissionId() + "'");
    }

    private Path transmissionFolder(Open open) throws Exception {
        return Path.of(Sql.single(
                dataSource,
                "SELECT dir FROM bdi_receiver_transmission WHERE transmission_id = '" + open.transmissionId() + "'"));
    }

    private long csvFiles(Open open) throws Exception {
        Path folder = transmissionFolder(open);
        if (!Files.exists(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void anUploadOverTheQuotaIs507AndStoresNothing() throws Exception {
        Open open = begin("Quota_Full");
        send(open, 1, 60).statusCode(200);

        // 60 + 60 > 100: cut off while streaming, at the 41st byte.
        isQuotaExceeded(send(open, 2, 60));
        isQuotaExceeded(send(open, 2, 100_000));
        assertThat(blockRows(open)).isEqualTo(1);
        assertThat(Files.exists(transmissionFolder(open).resolve("2")))
                .as("no folder for block 2")
                .isFalse();
        assertThat(csvFiles(open)).isEqualTo(1);
        assertThat(openBytes("Quota_Full")).isEqualTo(60);

        // A retry of the stored block adds nothing and is answered as before; what still fits is stored.
        send(open, 1, 60).statusCode(200);
        send(open, 2, 40).statusCode(200);
        assertThat(openBytes("Quota_Full")).isEqualTo(100);
        isQuotaExceeded(send(open, 3, 1));
        assertThat(blockRows(open)).isEqualTo(2);
    }

    @Test
    void concurrentUploadsNeverTakeTheModuleOverItsQuota() throws Exception {
        Open open = begin("Quota_Race");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Integer> statuses = new ArrayList<>();
        try {
            // Each sees 100 bytes of room when it begins: only the counter, updated under its row lock, decides.
            List<Future<Integer>> uploads = new ArrayList<>();
            for (int block = 1; block <= 8; block++) {
                int number = block;
                uploads.add(pool.submit(() -> asSender()
                        .contentType("text/csv")
                        .body(body(30))
                        .post(open.upload(number))
                        .statusCode()));
            }
            for (Future<Integer> upload : uploads) {
                statuses.add(upload.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(statuses).containsOnly(200, 507);
        assertThat(statuses.stream().filter(s -> s == 200)).hasSize(3);
        assertThat(openBytes("Quota_Race")).isEqualTo(90);
        assertThat(blockRows(open)).isEqualTo(3);
        assertThat(csvFiles(open)).isEqualTo(3);
        try (Stream<Path> folders = Files.list(transmissionFolder(open))) {
            assertThat(folders.filter(Files::isDirectory))
                    .as("a folder per stored block, none for refused ones")
                    .hasSize(3);
        }
    }

    @Test
    void endingTheTransactionFreesItsSpace() throws Exception {
        Open first = begin("Quota_End");
        send(first, 1, 80).statusCode(200);
        Open second = begin("Quota_End");
        isQuotaExceeded(send(second, 1, 80));

        asSender()
                .post("/receiver/endTransmission/" + first.transmissionId() + "/RMS/Quota_End/Diff/1")
                .then()
                .statusCode(200);
        asSender()
                .post("/receiver/endTransaction/" + first.transactionId() + "/RMS/Quota_End")
                .then()
                .statusCode(200);
        assertThat(openBytes("Quota_End")).isZero();
        send(second, 1, 80).statusCode(200);
        assertThat(openBytes("Quota_End")).isEqualTo(80);
    }

    @Test
    void anExpiredTransactionFreesItsSpace() throws Exception {
        Open stale = begin("Quota_Expiry");
        send(stale, 1, 80).statusCode(200);
        Open next = begin("Quota_Expiry");
        isQuotaExceeded(send(next, 1, 80));

        Sql.execute(
                dataSource,
                "UPDATE bdi_receiver_transaction SET receiver_transaction_begin_time ="
                        + " '2000-01-01T00:00:00Z' WHERE transaction_id = '" + stale.transactionId() + "'");
        assertThat(expiry.expireBegunBefore(OffsetDateTime.of(2000, 1, 2, 0, 0, 0, 0, ZoneOffset.UTC)))
                .containsExactly(stale.transactionId());
        assertThat(openBytes("Quota_Expiry")).isZero();
        send(next, 1, 80).statusCode(200);
    }

    @Test
    void theBytesHeldAndTheQuotaArePrometheusMetrics() throws Exception {
        TestUser monitor = TestUsers.create(dataSource, "quota-monitor", Roles.MONITOR);
        Open open = begin("Quota_Metrics");
        send(open, 1, 700).statusCode(200);
        isQuotaExceeded(send(open, 2, 700));

        String metrics = given().auth()
                .preemptive()
                .basic(monitor.username(), monitor.password())
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        // A counter's sample may carry an exemplar (" # {span_id=...,trace_id=...} ...") after its value.
        assertThat(metrics)
                .containsPattern(
                        "(?m)^bdi_receiver_open_bytes\\{[^}]*interface_module=\"Quota_Metrics\"[^}]*\\} 700\\.0( # .*)?$");
        assertThat(metrics)
                .containsPattern(
                        "(?m)^bdi_receiver_quota_bytes\\{[^}]*interface_module=\"Quota_Metrics\"[^}]*\\} 1000\\.0( # .*)?$");
        assertThat(metrics)
                .containsPattern(
                        "(?m)^bdi_receiver_quota_refused_total\\{[^}]*interface_module=\"Quota_Metrics\"[^}]*\\} 1\\.0( # .*)?$");
    }

    private long reservations(String module) throws Exception {
        return Sql.singleLong(
                dataSource,
                "SELECT count(*) FROM bdi_receiver_quota_reservation WHERE interface_module = '" + module + "'");
    }

    @Test
    void concurrentUploadsOfOneModuleAreAllStoredAndCountedExactly() throws Exception {
        // The default quota (20G): each upload reserves its bytes in a statement of its own and settles the
        // reservation in its block's transaction, so the uploads commit side by side.
        Open open = begin("Quota_Many");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        long expected = 0;
        List<Future<Integer>> uploads = new ArrayList<>();
        try {
            for (int block = 1; block <= 24; block++) {
                int number = block;
                int bytes = 100 + block;
                expected += bytes;
                uploads.add(
                        pool.submit(() -> send(open, number, bytes).extract().statusCode()));
            }
            for (Future<Integer> upload : uploads) {
                assertThat(upload.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(blockRows(open)).isEqualTo(24);
        assertThat(csvFiles(open)).isEqualTo(24);
        assertThat(openBytes("Quota_Many")).isEqualTo(expected);
        assertThat(reservations("Quota_Many")).as("every reservation settled").isZero();
        assertThat(Sql.singleLong(
                        dataSource,
                        "SELECT sum(block_bytes) FROM receiver_transmission_block b JOIN bdi_receiver_transmission t"
                                + " USING (receiver_transmission_id) WHERE t.transmission_id = '"
                                + open.transmissionId() + "'"))
                .isEqualTo(expected);
    }

    @Test
    void anUploadRefusedUnderItsLocksGivesItsReservationBack() throws Exception {
        Open open = begin("Quota_Refund");
        send(open, 1, 20).statusCode(200);
        send(open, 2, 20).statusCode(200);
        String second = "QT2" + RUN + SEQUENCE.incrementAndGet();
        asSender()
                .post("/receiver/beginTransmission/" + open.transactionId() + "/" + second + "/RMS/Quota_Refund/Diff"
                        + "/1/1/300/1")
                .then()
                .statusCode(200);
        Sql.execute(
                dataSource,
                "UPDATE bdi_system_options SET variable_value = '2' WHERE variable_name = 'receiverMaxNumBlocks'");
        try {
            // Block 1 of the second transmission passes the checks before the body and reserves its 20 bytes; under
            // its locks the transaction turns out to hold 2 blocks already: 422, and the 20 bytes are given back.
            asSender()
                    .contentType("text/csv")
                    .body(body(20))
                    .post("/receiver/uploadDataBlock/" + open.transactionId() + "/" + second
                            + "/RMS/Quota_Refund/Diff/1/1")
                    .then()
                    .statusCode(422)
                    .body("code", equalTo("too-many-blocks"));
        } finally {
            Sql.execute(
                    dataSource,
                    "UPDATE bdi_system_options SET variable_value = '10000' WHERE variable_name = 'receiverMaxNumBlocks'");
        }
        assertThat(openBytes("Quota_Refund")).isEqualTo(40);
        assertThat(reservations("Quota_Refund")).isZero();
        // The room is there: 60 more bytes still fit into the quota of 100.
        send(open, 3, 60).statusCode(200);
        assertThat(openBytes("Quota_Refund")).isEqualTo(100);
    }

    @Test
    void aReservationLeftByADeadUploadIsGivenBackOnceItIsOld() throws Exception {
        Open open = begin("Quota_Leak");
        send(open, 1, 100).statusCode(200);
        // What a receiver killed between the reservation and the block's commit leaves: the bytes counted, the
        // reservation row still there. One is old, one is fresh (an upload of another replica still under way).
        ModuleUsageStore.Reservation old =
                usage.reserve("Quota_Leak", 300, 1000).orElseThrow();
        ModuleUsageStore.Reservation fresh =
                usage.reserve("Quota_Leak", 200, 1000).orElseThrow();
        assertThat(fresh.held()).isEqualTo(600);
        Sql.execute(
                dataSource,
                "UPDATE bdi_receiver_quota_reservation SET reserved_at = '2000-01-01T00:00:00Z'"
                        + " WHERE reservation_id = " + old.id());
        // The room left (400) is what the dead upload's bytes took: this block does not fit until they are back.
        isQuotaExceeded(send(open, 2, 500));

        assertThat(abandoned.release()).containsEntry("Quota_Leak", 300L);
        assertThat(openBytes("Quota_Leak")).isEqualTo(300);
        assertThat(reservations("Quota_Leak")).isEqualTo(1);
        send(open, 2, 500).statusCode(200);
        assertThat(openBytes("Quota_Leak")).isEqualTo(800);

        // An upload whose reservation was given back while it paused finds it gone: it does not give the bytes back
        // twice (its insert settles nothing and the block's transaction counts them again under the counter row's
        // lock).
        assertThat(usage.releaseAbandoned(OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(1)))
                .containsEntry("Quota_Leak", 600L);
        assertThat(usage.cancel(fresh.id())).isEmpty();
        assertThat(openBytes("Quota_Leak")).isEqualTo(600);
        assertThat(reservations("Quota_Leak")).isZero();
    }
}
