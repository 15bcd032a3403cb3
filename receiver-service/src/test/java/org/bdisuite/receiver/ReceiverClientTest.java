package org.bdisuite.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.bdisuite.model.DataSetType;
import org.bdisuite.model.Roles;
import org.bdisuite.model.api.receiver.BlockVo;
import org.bdisuite.model.api.receiver.TransactionVo;
import org.bdisuite.runtime.receiverclient.ReceiverCallException;
import org.bdisuite.runtime.receiverclient.ReceiverClient;
import org.bdisuite.runtime.receiverclient.ReceiverClient.Transaction;
import org.bdisuite.runtime.receiverclient.ReceiverClient.Transmission;
import org.bdisuite.runtime.receiverclient.ReceiverEndpoint;
import org.bdisuite.test.EmbeddedPostgresResource;
import org.bdisuite.test.Sql;
import org.bdisuite.test.TestUsers;
import org.bdisuite.test.TestUsers.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shared sender-side client (suite-runtime) against the real receiver over HTTP: the whole protocol with a
 * transaction id that needs percent-encoding, the resume views, and the receiver's errors as typed exceptions.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class ReceiverClientTest {

    @TestHTTPResource("/")
    URL root;

    @Inject
    DataSource dataSource;

    @Inject
    ObjectMapper json;

    private ReceiverClient client;

    @BeforeEach
    void client() throws Exception {
        TestUser sender = TestUsers.create(dataSource, "client-sender", Roles.OPERATOR);
        client = new ReceiverClient(ReceiverEndpoint.of(root.toURI(), sender.username(), sender.password()), json);
    }

    private static Transaction transaction(String id) {
        return new Transaction(
                id,
                "Diff_Fnd",
                "RMS",
                "rms",
                7,
                DataSetType.FULL,
                OffsetDateTime.of(2026, 11, 22, 8, 30, 0, 0, ZoneOffset.ofHours(1)));
    }

    private static Transmission transmission(String transactionId, String transmissionId) {
        return new Transmission(transactionId, transmissionId, "RMS", "Diff_Fnd", "Diff", "p+1", 1, 4, 1);
    }

    @Test
    void sendsAWholeDataSetAndTheReceiverHoldsExactlyItsBytes(@org.junit.jupiter.api.io.TempDir Path temp)
            throws Exception {
        TransactionVo begun = client.beginTransaction(transaction("Tx#client-1"));
        assertThat(begun.transactionId()).isEqualTo("Tx#client-1");
        assertThat(begun.sourceSystemDataSetReadyTime().toInstant())
                .isEqualTo(OffsetDateTime.parse("2026-11-22T07:30:00Z").toInstant());
        Transmission t = transmission("Tx#client-1", "client-1");
        assertThat(client.beginTransmission(t).sourceSystemPartitionName()).isEqualTo("p+1");

        Path first = Files.writeString(temp.resolve("b1.csv"), "1,a\n2,b\n");
        BlockVo fromFile = client.uploadBlock(t, 1, 2, first);
        BlockVo fromBytes = client.uploadBlock(t, 2, 2, "3,c\n4,d\n".getBytes(StandardCharsets.UTF_8));
        assertThat(Files.readString(Path.of(fromFile.dir(), fromFile.fileName())))
                .isEqualTo("1,a\n2,b\n");
        assertThat(Files.readString(Path.of(fromBytes.dir(), fromBytes.fileName())))
                .isEqualTo("3,c\n4,d\n");

        assertThat(client.blocks(t).orElseThrow().blocks())
                .extracting(BlockVo::blockNumber)
                .containsExactly(1, 2);
        assertThat(client.endTransmission(t, 2).endBlockNumber()).isEqualTo(2);
        TransactionVo ended = client.endTransaction("Tx#client-1", "RMS", "Diff_Fnd");
        assertThat(ended.receiverTransactionStatus()).isEqualTo("COMPLETED");
        assertThat(
                        Sql.singleLong(
                                dataSource,
                                "SELECT count(*) FROM bdi_upldr_iface_mod_data_ctl c JOIN"
                                        + " bdi_receiver_transaction t ON t.receiver_transaction_id = c.receiver_transaction_id WHERE t.transaction_id = 'Tx#client-1'"))
                .isEqualTo(1);
        assertThat(client.transaction("Tx#client-1")
                        .orElseThrow()
                        .transmissions()
                        .get(0)
                        .blocksReceived())
                .isEqualTo(2);
    }

    @Test
    void resendingABlockIsAnsweredWithTheStoredOneAndOtherBytesAreRefusedWithTheReceiversCode() {
        client.beginTransaction(transaction("Tx#client-2"));
        Transmission t = transmission("Tx#client-2", "client-2");
        client.beginTransmission(t);
        BlockVo stored = client.uploadBlock(t, 1, 1, "x\n".getBytes(StandardCharsets.UTF_8));
        assertThat(client.uploadBlock(t, 1, 1, "x\n".getBytes(StandardCharsets.UTF_8))
                        .blockId())
                .isEqualTo(stored.blockId());

        assertThatThrownBy(() -> client.uploadBlock(t, 1, 1, "y\n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(ReceiverCallException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.code()).contains("block-differs");
                    assertThat(e.call()).isEqualTo("uploadDataBlock");
                });
    }

    @Test
    void unknownTransactionAndTransmissionAreEmptyNotErrors() {
        assertThat(client.transaction("Tx#never-begun")).isEmpty();
        assertThat(client.blocks(transmission("Tx#never-begun", "never-begun"))).isEmpty();
    }

    @Test
    void wrongPasswordIsA401AndIsNotRetried() throws Exception {
        ReceiverClient stranger = new ReceiverClient(ReceiverEndpoint.of(root.toURI(), "client-sender", "wrong"), json);
        assertThatThrownBy(stranger::ping)
                .isInstanceOfSatisfying(
                        ReceiverCallException.class, e -> assertThat(e.status()).isEqualTo(401));
    }

    @Test
    void unreachableReceiverFailsAfterItsAttemptsWithoutAStatus() {
        ReceiverEndpoint nowhere =
                new ReceiverEndpoint(URI.create("http://127.0.0.1:1/"), "u", "p", java.time.Duration.ofSeconds(2), 2);
        assertThatThrownBy(() -> new ReceiverClient(nowhere, json).ping())
                .isInstanceOfSatisfying(ReceiverCallException.class, e -> {
                    assertThat(e.status()).isZero();
                    assertThat(e.getMessage()).contains("after 2 attempts").doesNotContain("\"p\"");
                });
    }
}
