package org.bdisuite.receiver.rest;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.Map;
import org.bdisuite.runtime.openapi.ApiExamples;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

/**
 * The receiver's contract details that would drown the resources if written on every method: what each path
 * parameter means (the same names recur in every call of the protocol), and example payloads of the spec's
 * transaction, transmission and block JSON. Runs at build time; the result is docs/openapi/receiver-service.yaml.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ReceiverApiDocs implements OASFilter {

    /**
     * One tag for the whole protocol (the spec's name, Title Case like the other services' tags): the generated
     * client is then one class, {@code ReceiverServiceApi}.
     */
    static final String TAG = "Receiver Service";

    /** Who may change a transaction, said on every operation that changes one. */
    static final String OWNER_RULE = "Only the user who began the transaction, or a bdi-admin, may change it;"
            + " anyone else gets 403 not-transaction-owner.";

    private static final String NAME_RULE =
            " 1 to 128 of A-Z a-z 0-9 _ . # @ + = -, not starting with '.';" + " it becomes a folder name.";

    private record Doc(String description, Schema.SchemaType type, String format, Object example) {}

    private static final Map<String, Doc> PARAMETERS = Map.ofEntries(
            Map.entry(
                    "transactionId",
                    text(
                            "The sender's transaction id, percent-encoded in the path (Tx%231 for Tx#1);" + NAME_RULE,
                            "Tx#1")),
            Map.entry(
                    "interfaceModule",
                    text("The interface module, as registered in bdi_interface_module;" + NAME_RULE, "Diff_Fnd")),
            Map.entry("sourceSystemName", text("The sending system;" + NAME_RULE, "RMS")),
            Map.entry("sourceSystemId", text("The sending system's own id for itself", "rms")),
            Map.entry("sourceDataSetId", number("The sender's id of the data set", "int64", 1)),
            Map.entry("dataSetType", text("FULL or PARTIAL", "FULL")),
            Map.entry(
                    "sourceSystemDataSetReadyTime",
                    text(
                            "When the sender's data set was ready: ISO-8601 with an offset,"
                                    + " yyyy-MM-dd HH:mm:ss[.SSS] or ISO-8601 without one (UTC), or epoch milliseconds",
                            "2026-11-22T02:00:00Z")),
            Map.entry(
                    "transmissionId",
                    text("The sender's transmission id, unique within the transaction;" + NAME_RULE, "1")),
            Map.entry("interfaceShortName", text("The interface within the module;" + NAME_RULE, "Diff")),
            Map.entry("partitionName", text("The sender's partition this transmission carries", "1")),
            Map.entry("partitionBeginSeqNum", number("First sequence number of the partition", "int64", 1)),
            Map.entry(
                    "partitionEndSeqNum",
                    number("Last sequence number of the partition (not below the first)", "int64", 4)),
            Map.entry(
                    "beginBlockNumber",
                    number("Number of the transmission's first block (0 to 2147483647)", "int32", 1)),
            Map.entry(
                    "blockNumber",
                    number("This block's number (from the transmission's beginBlockNumber up)", "int32", 1)),
            Map.entry("itemCountInBlock", number("How many items (CSV rows) the block holds", "int32", 2)),
            Map.entry("numBlocks", number("How many blocks the transmission has", "int32", 2)),
            Map.entry(
                    "Content-Digest",
                    text(
                            "RFC 9530 digest of the body, verified when sent (422 on a mismatch)",
                            "sha-256=:sGCgohkrP3P4/+KeyF5bwt4+gIaBFjKWD/5hANvXBAo=:")),
            Map.entry(
                    "Digest",
                    text(
                            "The older RFC 3230 form of the digest, verified when sent",
                            "sha-256=sGCgohkrP3P4/+KeyF5bwt4+gIaBFjKWD/5hANvXBAo=")));

    private static Doc text(String description, String example) {
        return new Doc(description, Schema.SchemaType.STRING, null, example);
    }

    private static Doc number(String description, String format, long example) {
        return new Doc(description, Schema.SchemaType.INTEGER, format, example);
    }

    @Override
    public Parameter filterParameter(Parameter parameter) {
        Doc doc = PARAMETERS.get(parameter.getName());
        if (doc == null) {
            return parameter;
        }
        String description = parameter.getIn() == Parameter.In.QUERY
                ? doc.description() + " (narrows the lookup when the id is used by several interfaces)"
                : doc.description();
        Schema schema = "dataSetType".equals(parameter.getName())
                ? OASFactory.createSchema().ref("#/components/schemas/DataSetType")
                : OASFactory.createSchema().addType(doc.type()).format(doc.format());
        if ("int32".equals(doc.format())) {
            schema.minimum(java.math.BigDecimal.ZERO);
        }
        return parameter.description(description).schema(schema).example(doc.example());
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        String tag = ("The BDI Receiver Service protocol (spec 003): begin a"
                + " transaction, a transmission per partition, upload numbered blocks, end the transmissions and the"
                + " transaction; and the views a sender resumes from");
        openAPI.getTags().stream().filter(t -> TAG.equals(t.getName())).forEach(t -> t.setDescription(tag));
        ApiExamples.add(openAPI, "TransactionVo", """
                {"receiverTransactionId": 1, "transactionId": "Tx#1", "sourceSystemName": "RMS",
                 "interfaceModule": "Diff_Fnd", "sourceSystemId": "rms", "sourceDataSetId": 1, "dataSetType": "FULL",
                 "sourceSystemDataSetReadyTime": "2026-11-22T02:00:00Z", "dir": "/var/bdi/receiver/bdi-data/Tx#1",
                 "fileName": null, "receiverTransactionStatus": "IN_PROGRESS",
                 "receiverTransactionBeginTime": "2026-11-22T02:00:05.120Z", "receiverTransactionEndTime": null}
                """);
        ApiExamples.add(openAPI, "TransmissionVo", """
                {"receiverTransmissionId": 1, "transactionId": "Tx#1", "transmissionId": "1",
                 "interfaceModule": "Diff_Fnd", "interfaceShortName": "Diff", "sourceSystemPartitionName": "1",
                 "sourceSystemPartitionBeginSequenceNumber": 1, "sourceSystemPartitionEndSequenceNumber": 4,
                 "beginBlockNumber": 1, "endBlockNumber": null, "dir": "/var/bdi/receiver/bdi-data/Tx#1/1",
                 "fileName": null, "receiverTransmissionStatus": "IN_PROGRESS"}
                """);
        ApiExamples.add(openAPI, "BlockVo", """
                {"blockId": 1, "transmissionId": "1", "blockNumber": 1, "blockItemCount": 2,
                 "dir": "/var/bdi/receiver/bdi-data/Tx#1/1/1", "fileName": "Diff_1.csv", "receiverBlockStatus": "RECEIVED",
                 "createTime": "2026-11-22T02:00:06.300Z", "blockBytes": 25,
                 "sha256": "b060a0a2192b3f73f8ffe29ec85e5bc2de3e8086811632960ffe6100dbd7040a"}
                """);
        ApiExamples.add(openAPI, "TransmissionStateVo", """
                {"transmission": {"receiverTransmissionId": 1, "transactionId": "Tx#1", "transmissionId": "1",
                  "interfaceModule": "Diff_Fnd", "interfaceShortName": "Diff", "sourceSystemPartitionName": "1",
                  "sourceSystemPartitionBeginSequenceNumber": 1, "sourceSystemPartitionEndSequenceNumber": 4,
                  "beginBlockNumber": 1, "endBlockNumber": null, "dir": "/var/bdi/receiver/bdi-data/Tx#1/1",
                  "fileName": null, "receiverTransmissionStatus": "IN_PROGRESS"},
                 "blocksReceived": 1, "highestBlockNumber": 1}
                """);
    }
}
