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
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
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
 * The hand-over to the uploader: with the handshake row the receiver writes, in the same database transaction, the
 * list of exactly the files that make up the data set (bdi_upldr_data_set_file), each with its rows, bytes and
 * sha-256; a transaction that received no data is handed over not at all.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class HandOverTest {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    @Inject
    DataSource dataSource;

    private TestUser sender;

    @BeforeEach
    void sender() {
        sender = TestUsers.create(dataSource, "hand-over-sender", Roles.OPERATOR);
    }

    private RequestSpecification asSender() {
        return given().auth()
                .preemptive()
                .basic(sender.username(), sender.password())
                .urlEncodingEnabled(false);
    }

    /** A data set sent in two partitions of three blocks of two rows; ends every transmission, not the transaction. */
    private String send(String shortName, MergeStrategy strategy, int blocksPerPartition) throws Exception {
        int n = SEQUENCE.incrementAndGet();
        Path base = Path.of("target/hand-over-" + shortName).toAbsolutePath();
        Sql.execute(
                dataSource,
                "INSERT INTO bdi_receiver_options (interface_module, interface_short_name, base_folder,"
                        + " merge_strategy) VALUES ('Diff_Fnd', '" + shortName + "', '" + base + "', '" + strategy
                        + "')");
        String transactionId = "Tx%23HandOver" + n;
        asSender()
                .post("/receiver/beginTransaction/" + transactionId + "/Diff_Fnd/RMS/rms/" + n + "/FULL/1468251927356")
                .then()
                .statusCode(200);
        for (int p = 1; p <= 2; p++) {
            String transmissionId = "H" + n + "-" + p;
            asSender()
                    .post("/receiver/beginTransmission/" + transactionId + "/" + transmissionId + "/RMS/Diff_Fnd/"
                            + shortName + "/" + p + "/" + (p * 100) + "/" + (p * 100 + 99) + "/1")
                    .then()
                    .statusCode(200);
            for (int b = 1; b <= blocksPerPartition; b++) {
                asSender()
                        .contentType("text/csv")
                        .body(p + "," + b + ",first\n" + p + "," + b + ",second\n")
                        .post("/receiver/uploadDataBlock/" + transactionId + "/" + transmissionId + "/RMS/Diff_Fnd/"
                                + shortName + "/" + b + "/2")
                        .then()
                        .statusCode(200);
            }
            asSender()
                    .post("/receiver/endTransmission/" + transmissionId + "/RMS/Diff_Fnd/" + shortName + "/"
                            + blocksPerPartition)
                    .then()
                    .statusCode(200);
        }
        return transactionId;
    }

    private String end(String transactionId) {
        return "/receiver/endTransaction/" + transactionId + "/RMS/Diff_Fnd";
    }

    private static String handOverOf(String transactionId) {
        return "(SELECT uploader_iface_mod_data_ctlid FROM bdi_upldr_iface_mod_data_ctl WHERE remote_transaction_id = '"
                + transactionId.replace("%23", "#") + "')";
    }

    @ParameterizedTest
    @EnumSource(MergeStrategy.class)
    void theHandOverListsExactlyTheFilesOfTheDataSetWithTheirRowsBytesAndDigest(MergeStrategy strategy)
            throws Exception {
        String shortName = "Hand" + strategy.ordinal() + "x" + SEQUENCE.incrementAndGet();
        String transactionId = send(shortName, strategy, 3);

        asSender().post(end(transactionId)).then().statusCode(200);

        List<String> files = Sql.column(
                dataSource,
                "SELECT file_path || '|' || interface_short_name || '|' || merge_level || '|' || row_count || '|'"
                        + " || byte_count || '|' || sha256 FROM bdi_upldr_data_set_file WHERE"
                        + " uploader_iface_mod_data_ctlid = " + handOverOf(transactionId) + " ORDER BY file_number");
        int expectedFiles = switch (strategy) {
            case NO_MERGE -> 6;
            case MERGE_TO_PARTITION_LEVEL -> 2;
            case MERGE_TO_INTERFACE_LEVEL -> 1;
        };
        assertThat(files).hasSize(expectedFiles);
        long rows = 0;
        StringBuilder content = new StringBuilder();
        for (String file : files) {
            String[] column = file.split("\\|");
            Path path = Path.of(column[0]);
            assertThat(path).isAbsolute().exists();
            assertThat(column[1]).isEqualTo(shortName);
            assertThat(column[2]).isEqualTo(strategy.name());
            byte[] bytes = Files.readAllBytes(path);
            assertThat(Long.parseLong(column[4])).isEqualTo(bytes.length);
            assertThat(column[5])
                    .isEqualTo(HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
            rows += Long.parseLong(column[3]);
            content.append(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
        }
        assertThat(rows).isEqualTo(12);
        assertThat(content.toString().lines())
                .hasSize(12)
                .startsWith("1,1,first")
                .endsWith("2,3,second");
    }

    /**
     * A database trigger refuses the file list of one interface: the end fails, and neither the handshake row nor the
     * transaction's COMPLETED status is committed without it. Once the trigger is gone the end hands over both.
     */
    @Test
    void theFileListIsCommittedInTheSameDatabaseTransactionAsTheHandOverRow() throws Exception {
        String shortName = "Atomic" + SEQUENCE.incrementAndGet();
        String transactionId = send(shortName, MergeStrategy.MERGE_TO_PARTITION_LEVEL, 2);
        Sql.execute(
                dataSource,
                "CREATE OR REPLACE FUNCTION refuse_hand_over_file() RETURNS trigger LANGUAGE plpgsql AS $$"
                        + " BEGIN IF NEW.interface_short_name LIKE 'Atomic%' THEN RAISE EXCEPTION 'refused by the test';"
                        + " END IF; RETURN NEW; END $$");
        Sql.execute(
                dataSource,
                "CREATE TRIGGER refuse_hand_over_file BEFORE INSERT ON bdi_upldr_data_set_file"
                        + " FOR EACH ROW EXECUTE FUNCTION refuse_hand_over_file()");
        try {
            asSender().post(end(transactionId)).then().statusCode(500);
            assertThat(Sql.singleLong(
                            dataSource,
                            "SELECT count(*) FROM bdi_upldr_iface_mod_data_ctl WHERE remote_transaction_id = '"
                                    + transactionId.replace("%23", "#") + "'"))
                    .isZero();
            assertThat(Sql.single(
                            dataSource,
                            "SELECT receiver_transaction_status FROM bdi_receiver_transaction WHERE transaction_id = '"
                                    + transactionId.replace("%23", "#") + "'"))
                    .isEqualTo("IN_PROGRESS");
        } finally {
            Sql.execute(dataSource, "DROP TRIGGER refuse_hand_over_file ON bdi_upldr_data_set_file");
        }

        asSender()
                .post(end(transactionId))
                .then()
                .statusCode(200)
                .body("receiverTransactionStatus", equalTo("COMPLETED"));
        assertThat(Sql.singleLong(
                        dataSource,
                        "SELECT count(*) FROM bdi_upldr_data_set_file WHERE uploader_iface_mod_data_ctlid = "
                                + handOverOf(transactionId)))
                .isEqualTo(2);
    }

    /** The BDI guide: the receiver makes the handshake row "if it successfully received data and created files". */
    @Test
    void aTransactionThatReceivedNoDataCompletesWithoutAHandOver() throws Exception {
        String withEmptyTransmissions = send("Empty" + SEQUENCE.incrementAndGet(), MergeStrategy.NO_MERGE, 0);
        String withoutTransmissions = "Tx%23HandOver" + SEQUENCE.incrementAndGet();
        asSender()
                .post("/receiver/beginTransaction/" + withoutTransmissions + "/Diff_Fnd/RMS/rms/1/FULL/1468251927356")
                .then()
                .statusCode(200);

        for (String transactionId : List.of(withEmptyTransmissions, withoutTransmissions)) {
            asSender()
                    .post(end(transactionId))
                    .then()
                    .statusCode(200)
                    .body("receiverTransactionStatus", equalTo("COMPLETED"));
            assertThat(Sql.singleLong(
                            dataSource,
                            "SELECT count(*) FROM bdi_upldr_iface_mod_data_ctl WHERE remote_transaction_id = '"
                                    + transactionId.replace("%23", "#") + "'"))
                    .isZero();
        }
    }
}
