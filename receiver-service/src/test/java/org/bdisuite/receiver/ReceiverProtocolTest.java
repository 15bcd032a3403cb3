package org.bdisuite.receiver;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.bdisuite.model.MergeStrategy;
import org.bdisuite.model.Roles;
import org.bdisuite.test.EmbeddedPostgresResource;
import org.bdisuite.test.Sql;
import org.bdisuite.test.TestUsers;
import org.bdisuite.test.TestUsers.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The whole Receiver Service protocol, as a Downloader-Transporter sends it: a transaction, two partitions of
 * three blocks each, the end of each transmission, the end of the transaction; once per merge strategy.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class ReceiverProtocolTest {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final int PARTITIONS = 2;
    private static final int BLOCKS = 3;

    @Inject
    DataSource dataSource;

    private TestUser sender;

    @BeforeEach
    void sender() {
        sender = TestUsers.create(dataSource, "protocol-sender", Roles.OPERATOR);
    }

    private RequestSpecification asSender() {
        return given().auth()
                .preemptive()
                .basic(sender.username(), sender.password())
                .urlEncodingEnabled(false);
    }

    /** Block b of partition p; block 2 has no final newline, which the merge must add. */
    private static String block(int partition, int block) {
        String rows = partition + "," + block + ",first\n" + partition + "," + block + ",second";
        return block == 2 ? rows : rows + "\n";
    }

    /** A sent data set: its ids, and where the interface's files go. */
    private record Sent(String transactionId, String interfaceShortName, List<String> transmissionIds, Path base) {
        Path transactionFolder() {
            return base.resolve("bdi-data").resolve(transactionId);
        }
    }

    private Sent sendAll(MergeStrategy strategy) throws Exception {
        int n = SEQUENCE.incrementAndGet();
        String shortName = "Diff" + strategy.ordinal() + "x" + n;
        Path base = Path.of("target/protocol-" + n).toAbsolutePath();
        Sql.execute(
                dataSource,
                "INSERT INTO bdi_receiver_options (interface_module, interface_short_name, base_folder,"
                        + " merge_strategy) VALUES ('Diff_Fnd', '" + shortName + "', '" + base + "', '" + strategy
                        + "')");
        String transactionId = "Tx%23" + (20000 + n);
        asSender()
                .post("/receiver/beginTransaction/" + transactionId + "/Diff_Fnd/RMS/rms/" + n + "/FULL/1468251927356")
                .then()
                .statusCode(200);
        List<String> transmissionIds = new java.util.ArrayList<>();
        for (int p = 1; p <= PARTITIONS; p++) {
            String transmissionId = "P" + n + "-" + p;
            transmissionIds.add(transmissionId);
            asSender()
                    .post("/receiver/beginTransmission/" + transactionId + "/" + transmissionId + "/RMS/Diff_Fnd/"
                            + shortName + "/" + p + "/" + (p * 100) + "/" + (p * 100 + 99) + "/1")
                    .then()
                    .statusCode(200);
            for (int b = 1; b <= BLOCKS; b++) {
                asSender()
                        .contentType("text/csv")
                        .body(block(p, b))
                        .post("/receiver/uploadDataBlock/" + transactionId + "/" + transmissionId + "/RMS/Diff_Fnd/"
                                + shortName + "/" + b + "/2")
                        .then()
                        .statusCode(200);
            }
            asSender()
                    .post("/receiver/endTransmission/" + transmissionId + "/RMS/Diff_Fnd/" + shortName + "/" + BLOCKS)
                    .then()
                    .statusCode(200);
        }
        return new Sent(transactionId.replace("%23", "#"), shortName, transmissionIds, base);
    }

    private String endTransaction(Sent sent) {
        return "/receiver/endTransaction/" + sent.transactionId().replace("#", "%23") + "/RMS/Diff_Fnd";
    }

    private static String partitionContent(int partition) {
        StringBuilder expected = new StringBuilder();
        for (int b = 1; b <= BLOCKS; b++) {
            String block = block(partition, b);
            expected.append(block).append(block.endsWith("\n") ? "" : "\n");
        }
        return expected.toString();
    }

    @ParameterizedTest
    @EnumSource(MergeStrategy.class)
    void theWholeProtocolForEachMergeStrategy(MergeStrategy strategy) throws Exception {
        Sent sent = sendAll(strategy);

        asSender()
                .post(endTransaction(sent))
                .then()
                .statusCode(200)
                .body("receiverTransactionStatus", equalTo("COMPLETED"))
                .body("transactionId", equalTo(sent.transactionId()));

        for (int p = 1; p <= PARTITIONS; p++) {
            Path transmissionFolder =
                    sent.transactionFolder().resolve(sent.transmissionIds().get(p - 1));
            for (int b = 1; b <= BLOCKS; b++) {
                assertThat(Files.readString(transmissionFolder
                                .resolve(String.valueOf(b))
                                .resolve(sent.interfaceShortName() + "_" + b + ".csv")))
                        .isEqualTo(block(p, b));
            }
            Path partitionFile = transmissionFolder.resolve(sent.interfaceShortName() + ".csv");
            if (strategy == MergeStrategy.MERGE_TO_PARTITION_LEVEL) {
                assertThat(Files.readString(partitionFile)).isEqualTo(partitionContent(p));
            } else {
                assertThat(partitionFile).doesNotExist();
            }
        }
        Path interfaceFile = sent.transactionFolder().resolve(sent.interfaceShortName() + ".csv");
        if (strategy == MergeStrategy.MERGE_TO_INTERFACE_LEVEL) {
            assertThat(Files.readString(interfaceFile)).isEqualTo(partitionContent(1) + partitionContent(2));
        } else {
            assertThat(interfaceFile).doesNotExist();
        }
        assertThat(hiddenFilesUnder(sent.base())).as("no temporary file left").isEmpty();

        assertThat(Sql.single(
                        dataSource,
                        "SELECT interface_module || '|' || remote_transaction_id || '|'"
                                + " || data_set_type || '|' || data_file_merge_level || '|' || source_system_name"
                                + " FROM bdi_upldr_iface_mod_data_ctl WHERE remote_transaction_id = '"
                                + sent.transactionId() + "'"))
                .isEqualTo("Diff_Fnd|" + sent.transactionId() + "|FULL|" + strategy + "|RMS");
        assertThat(Sql.single(
                        dataSource,
                        "SELECT receiver_transaction_status FROM bdi_receiver_transaction" + " WHERE transaction_id = '"
                                + sent.transactionId() + "'"))
                .isEqualTo("COMPLETED");
        assertThat(Sql.singleLong(
                        dataSource,
                        "SELECT count(*) FROM receiver_transmission_block b"
                                + " JOIN bdi_receiver_transmission t USING (receiver_transmission_id) JOIN bdi_receiver_transaction x"
                                + " USING (receiver_transaction_id) WHERE x.transaction_id = '" + sent.transactionId()
                                + "'"))
                .isEqualTo(PARTITIONS * BLOCKS);
    }

    @Test
    void endingTwiceOrConcurrentlyMergesAndHandsOverOnce() throws Exception {
        Sent sent = sendAll(MergeStrategy.MERGE_TO_INTERFACE_LEVEL);
        Callable<Integer> end = () -> asSender().post(endTransaction(sent)).statusCode();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (Future<Integer> status : pool.invokeAll(List.of(end, end))) {
                assertThat(status.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        asSender()
                .post(endTransaction(sent))
                .then()
                .statusCode(200)
                .body("receiverTransactionStatus", equalTo("COMPLETED"));
        assertThat(Sql.singleLong(
                        dataSource,
                        "SELECT count(*) FROM bdi_upldr_iface_mod_data_ctl" + " WHERE remote_transaction_id = '"
                                + sent.transactionId() + "'"))
                .isEqualTo(1);
        assertThat(Files.readString(sent.transactionFolder().resolve(sent.interfaceShortName() + ".csv")))
                .isEqualTo(partitionContent(1) + partitionContent(2));
    }

    @Test
    void parallelUploadsAllLandAndTheSameBlockTwiceAtOnceIsStoredOnce() throws Exception {
        int n = SEQUENCE.incrementAndGet();
        String transactionId = "Tx%23" + (20000 + n);
        String transmissionId = "Par" + n;
        asSender()
                .post("/receiver/beginTransaction/" + transactionId + "/Diff_Fnd/RMS/rms/1/FULL/1468251927356")
                .then()
                .statusCode(200);
        asSender()
                .post("/receiver/beginTransmission/" + transactionId + "/" + transmissionId
                        + "/RMS/Diff_Fnd/Diff/1/1/99/1")
                .then()
                .statusCode(200);
        List<Callable<Integer>> uploads = new java.util.ArrayList<>();
        for (int b = 1; b <= 12; b++) {
            int blockNumber = b;
            uploads.add(() -> asSender()
                    .contentType("text/csv")
                    .body(block(1, blockNumber))
                    .post("/receiver/uploadDataBlock/" + transactionId + "/" + transmissionId + "/RMS/Diff_Fnd/Diff/"
                            + blockNumber + "/2")
                    .statusCode());
        }
        uploads.add(uploads.get(0));
        uploads.add(uploads.get(0));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (Future<Integer> status : pool.invokeAll(uploads)) {
                assertThat(status.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(Sql.singleLong(
                        dataSource,
                        "SELECT count(*) FROM receiver_transmission_block b JOIN"
                                + " bdi_receiver_transmission t USING (receiver_transmission_id) WHERE t.transmission_id = '"
                                + transmissionId + "'"))
                .isEqualTo(12);
        asSender()
                .post("/receiver/endTransmission/" + transmissionId + "/RMS/Diff_Fnd/Diff/12")
                .then()
                .statusCode(200);
    }

    @Test
    void aTransactionWithATransmissionInProgressDoesNotEnd() throws Exception {
        int n = SEQUENCE.incrementAndGet();
        String transactionId = "Tx%23" + (20000 + n);
        asSender()
                .post("/receiver/beginTransaction/" + transactionId + "/Diff_Fnd/RMS/rms/1/FULL/1468251927356")
                .then()
                .statusCode(200);
        asSender()
                .post("/receiver/beginTransmission/" + transactionId + "/Open" + n + "/RMS/Diff_Fnd/Diff/1/1/9/1")
                .then()
                .statusCode(200);
        asSender()
                .post("/receiver/endTransaction/" + transactionId + "/RMS/Diff_Fnd")
                .then()
                .statusCode(409)
                .body("code", equalTo("transmissions-open"));
        asSender()
                .post("/receiver/endTransaction/Tx%23424242/RMS/Diff_Fnd")
                .then()
                .statusCode(404);
        assertThat(Sql.singleLong(
                        dataSource,
                        "SELECT count(*) FROM bdi_upldr_iface_mod_data_ctl" + " WHERE remote_transaction_id = 'Tx#"
                                + (20000 + n) + "'"))
                .isZero();
    }

    private static List<Path> hiddenFilesUnder(Path root) throws Exception {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.getFileName().toString().startsWith(".")).toList();
        }
    }
}
