package org.bdisuite.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.sql.DataSource;
import org.bdisuite.model.MergeStrategy;
import org.bdisuite.model.Roles;
import org.bdisuite.receiverclient.ApiClient;
import org.bdisuite.receiverclient.ApiException;
import org.bdisuite.receiverclient.api.ReceiverServiceApi;
import org.bdisuite.receiverclient.model.BlockVo;
import org.bdisuite.receiverclient.model.DataSetType;
import org.bdisuite.receiverclient.model.ErrorBody;
import org.bdisuite.receiverclient.model.TransactionStateVo;
import org.bdisuite.receiverclient.model.TransactionVo;
import org.bdisuite.receiverclient.model.TransmissionBlocksVo;
import org.bdisuite.receiverclient.model.TransmissionVo;
import org.bdisuite.test.EmbeddedPostgresResource;
import org.bdisuite.test.Sql;
import org.bdisuite.test.TestUsers;
import org.bdisuite.test.TestUsers.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole receiver protocol through the client generated from docs/openapi/receiver-service.yaml (module
 * receiver-client), used directly, without the suite's facade: the contract is enough to drive the receiver, and
 * what the receiver answers reads into the generated models.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class GeneratedClientProtocolTest {

    private static final String MODULE = "Diff_Fnd";
    private static final String SOURCE = "RMS";

    @TestHTTPResource("/")
    URL root;

    @Inject
    DataSource dataSource;

    private ReceiverServiceApi receiver;

    @BeforeEach
    void client() {
        TestUser sender = TestUsers.create(dataSource, "generated-sender", Roles.OPERATOR);
        receiver = receiverApi(sender.username(), sender.password());
    }

    private ReceiverServiceApi receiverApi(String user, String password) {
        String base = root.toString().replaceAll("/$", "");
        ApiClient client = new ApiClient(HttpClient.newBuilder(), ApiClient.createDefaultObjectMapper(), base);
        String authorization =
                "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        client.setRequestInterceptor(request -> request.header("Authorization", authorization));
        return new ReceiverServiceApi(client);
    }

    @Test
    void sendsADataSetMergedToInterfaceLevelAndTheResumeViewsShowIt() throws Exception {
        Path base = Path.of("target/generated-client").toAbsolutePath();
        Sql.execute(
                dataSource,
                "INSERT INTO bdi_receiver_options (interface_module, interface_short_name, base_folder,"
                        + " merge_strategy) VALUES ('" + MODULE + "', 'GenDiff', '" + base + "', '"
                        + MergeStrategy.MERGE_TO_INTERFACE_LEVEL + "')");
        assertThat(receiver.ping()).isEqualTo("alive");

        TransactionVo begun = receiver.beginTransaction(ReceiverServiceApi.APIBeginTransactionRequest.newBuilder()
                .transactionId("Tx#gen-1")
                .interfaceModule(MODULE)
                .sourceSystemName(SOURCE)
                .sourceSystemId("rms")
                .sourceDataSetId(41L)
                .dataSetType(DataSetType.FULL)
                .sourceSystemDataSetReadyTime("2026-11-22T02:00:00Z")
                .build());
        assertThat(begun.getTransactionId()).isEqualTo("Tx#gen-1");
        assertThat(begun.getReceiverTransactionStatus()).isEqualTo("IN_PROGRESS");
        assertThat(begun.getDataSetType()).isEqualTo(DataSetType.FULL);
        assertThat(begun.getSourceSystemDataSetReadyTime().toInstant()).hasToString("2026-11-22T02:00:00Z");

        TransmissionVo transmission =
                receiver.beginTransmission(ReceiverServiceApi.APIBeginTransmissionRequest.newBuilder()
                        .transactionId("Tx#gen-1")
                        .transmissionId("gen-1")
                        .sourceSystemName(SOURCE)
                        .interfaceModule(MODULE)
                        .interfaceShortName("GenDiff")
                        .partitionName("p+1")
                        .partitionBeginSeqNum(1L)
                        .partitionEndSeqNum(6L)
                        .beginBlockNumber(1)
                        .build());
        assertThat(transmission.getSourceSystemPartitionName()).isEqualTo("p+1");
        assertThat(transmission.getReceiverTransmissionStatus()).isEqualTo("IN_PROGRESS");

        List<String> blocks = List.of(
                "1,RED,COLOR\n2,BLUE,COLOR\n", "3,GREEN,COLOR\n4,BLACK,COLOR\n", "5,WHITE,COLOR\n6,GREY,COLOR\n");
        for (int b = 0; b < blocks.size(); b++) {
            BlockVo stored = upload(b + 1, blocks.get(b));
            assertThat(stored.getReceiverBlockStatus()).isEqualTo("RECEIVED");
            assertThat(stored.getBlockItemCount()).isEqualTo(2);
            assertThat(stored.getSha256()).isEqualTo(sha256Hex(blocks.get(b)));
            assertThat(Files.readString(Path.of(stored.getDir(), stored.getFileName())))
                    .isEqualTo(blocks.get(b));
        }
        assertThat(upload(2, blocks.get(1)).getBlockNumber())
                .as("the same block again is the stored one")
                .isEqualTo(2);

        TransmissionBlocksVo held =
                receiver.listTransmissionBlocks(ReceiverServiceApi.APIListTransmissionBlocksRequest.newBuilder()
                        .transmissionId("gen-1")
                        .sourceSystemName(SOURCE)
                        .interfaceModule(MODULE)
                        .interfaceShortName("GenDiff")
                        .build());
        assertThat(held.getBlocks()).extracting(BlockVo::getBlockNumber).containsExactly(1, 2, 3);
        assertThat(held.getBlocks()).extracting(BlockVo::getBlockBytes).containsExactly(25L, 28L, 27L);
        TransactionStateVo state =
                receiver.getTransactionState(ReceiverServiceApi.APIGetTransactionStateRequest.newBuilder()
                        .transactionId("Tx#gen-1")
                        .build());
        assertThat(state.getTransmissions()).singleElement().satisfies(t -> {
            assertThat(t.getBlocksReceived()).isEqualTo(3);
            assertThat(t.getHighestBlockNumber()).isEqualTo(3);
        });

        TransmissionVo ended = receiver.endTransmission(ReceiverServiceApi.APIEndTransmissionRequest.newBuilder()
                .transmissionId("gen-1")
                .sourceSystemName(SOURCE)
                .interfaceModule(MODULE)
                .interfaceShortName("GenDiff")
                .numBlocks(3)
                .build());
        assertThat(ended.getEndBlockNumber()).isEqualTo(3);
        assertThat(ended.getReceiverTransmissionStatus()).isEqualTo("COMPLETED");

        TransactionVo done = receiver.endTransaction(ReceiverServiceApi.APIEndTransactionRequest.newBuilder()
                .transactionId("Tx#gen-1")
                .sourceSystemName(SOURCE)
                .interfaceModule(MODULE)
                .build());
        assertThat(done.getReceiverTransactionStatus()).isEqualTo("COMPLETED");
        assertThat(done.getReceiverTransactionEndTime()).isNotNull();
        assertThat(Files.readString(base.resolve("bdi-data/Tx#gen-1/GenDiff.csv")))
                .isEqualTo(String.join("", blocks));
        assertThat(Sql.singleLong(
                        dataSource,
                        "SELECT count(*) FROM receiver_transmission_block b JOIN"
                                + " bdi_receiver_transmission t ON t.receiver_transmission_id = b.receiver_transmission_id"
                                + " WHERE t.transmission_id = 'gen-1'"))
                .isEqualTo(3);
        assertThat(Sql.singleLong(
                        dataSource,
                        "SELECT count(*) FROM bdi_upldr_iface_mod_data_ctl c JOIN"
                                + " bdi_receiver_transaction t ON t.receiver_transaction_id = c.receiver_transaction_id"
                                + " WHERE t.transaction_id = 'Tx#gen-1'"))
                .isEqualTo(1);
    }

    @Test
    void errorsArriveAsTheContractsErrorBody() throws Exception {
        receiver.beginTransaction(ReceiverServiceApi.APIBeginTransactionRequest.newBuilder()
                .transactionId("Tx#gen-2")
                .interfaceModule(MODULE)
                .sourceSystemName(SOURCE)
                .sourceSystemId("rms")
                .sourceDataSetId(42L)
                .dataSetType(DataSetType.PARTIAL)
                .sourceSystemDataSetReadyTime("2026-11-22 02:00:00.000")
                .build());
        receiver.beginTransmission(ReceiverServiceApi.APIBeginTransmissionRequest.newBuilder()
                .transactionId("Tx#gen-2")
                .transmissionId("gen-2")
                .sourceSystemName(SOURCE)
                .interfaceModule(MODULE)
                .interfaceShortName("Diff")
                .partitionName("1")
                .partitionBeginSeqNum(1L)
                .partitionEndSeqNum(2L)
                .beginBlockNumber(1)
                .build());
        receiver.uploadDataBlock(block("Tx#gen-2", "gen-2", 1, "x\n").build());

        assertThatThrownBy(() -> receiver.uploadDataBlock(
                        block("Tx#gen-2", "gen-2", 1, "y\n").build()))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(409);
                    ErrorBody body = error(e);
                    assertThat(body.getStatusCode()).isEqualTo(409);
                    assertThat(body.getCode()).isEqualTo("block-differs");
                });
        assertThatThrownBy(() -> receiver.uploadDataBlock(block("Tx#gen-2", "gen-2", 2, "z\n")
                        .contentDigest("sha-256=:" + Base64.getEncoder().encodeToString(new byte[32]) + ":")
                        .build()))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(422);
                    assertThat(error(e).getCode()).isEqualTo("digest-mismatch");
                });
        assertThatThrownBy(
                        () -> receiver.getTransactionState(ReceiverServiceApi.APIGetTransactionStateRequest.newBuilder()
                                .transactionId("Tx#never")
                                .build()))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(error(e).getStatus()).isEqualTo("NOT_FOUND"));
        assertThatThrownBy(
                        () -> receiverApi("generated-sender", "wrong-password").ping())
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.getCode()).isEqualTo(401));
    }

    private BlockVo upload(int number, String csv) throws Exception {
        return receiver.uploadDataBlock(block("Tx#gen-1", "gen-1", number, csv)
                .contentDigest("sha-256=:" + Base64.getEncoder().encodeToString(sha256(csv)) + ":")
                .build());
    }

    private static ReceiverServiceApi.APIUploadDataBlockRequest.Builder block(
            String transactionId, String transmissionId, int number, String csv) {
        return ReceiverServiceApi.APIUploadDataBlockRequest.newBuilder()
                .transactionId(transactionId)
                .transmissionId(transmissionId)
                .sourceSystemName(SOURCE)
                .interfaceModule(MODULE)
                .interfaceShortName(transmissionId.equals("gen-1") ? "GenDiff" : "Diff")
                .blockNumber(number)
                .itemCountInBlock((int) csv.lines().count())
                .body(csv);
    }

    private static ErrorBody error(ApiException e) {
        try {
            return ApiClient.createDefaultObjectMapper().readValue(e.getResponseBody(), ErrorBody.class);
        } catch (java.io.IOException notTheErrorBody) {
            throw new AssertionError("Not the error body: " + e.getResponseBody(), notTheErrorBody);
        }
    }

    private static byte[] sha256(String text) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256Hex(String text) throws Exception {
        return HexFormat.of().formatHex(sha256(text));
    }
}
