package org.bdisuite.receiver.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.bdisuite.model.DataSetType;
import org.bdisuite.model.Roles;
import org.bdisuite.model.api.receiver.TransactionVo;
import org.bdisuite.model.api.receiver.TransmissionVo;
import org.bdisuite.receiver.service.ReceiverTransactions;
import org.bdisuite.receiver.service.ReceiverTransmissions;
import org.bdisuite.receiver.service.TransactionEnding;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Receiver Service transactions, at the spec's paths. Only senders (bdi-operator) and admins may write, and a
 * sender only to the transactions it began.
 */
@Path("/receiver")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ReceiverApiDocs.TAG)
public class TransactionResource {

    private final ReceiverTransactions transactions;
    private final ReceiverTransmissions transmissions;
    private final TransactionEnding ending;

    public TransactionResource(
            ReceiverTransactions transactions, ReceiverTransmissions transmissions, TransactionEnding ending) {
        this.transactions = transactions;
        this.transmissions = transmissions;
        this.ending = ending;
    }

    @POST
    @Path("/beginTransaction/{transactionId}/{interfaceModule}/{sourceSystemName}/{sourceSystemId}/{sourceDataSetId}"
            + "/{dataSetType}/{sourceSystemDataSetReadyTime}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @Operation(
            operationId = "beginTransaction",
            summary = "Begins a receiver transaction (idempotent: the same begin again returns the stored transaction)",
            description = "The transaction belongs to the user who begins it. " + ReceiverApiDocs.OWNER_RULE
                    + " The same id begun again by another user is a 403, whatever the values.")
    @APIResponse(
            responseCode = "200",
            description = "The transaction, begun now or before with the same values",
            content = @Content(schema = @Schema(implementation = TransactionVo.class)))
    @APIResponse(
            responseCode = "400",
            description = "A name that is not a safe folder name, sourceDataSetId not a "
                    + "number, dataSetType not FULL / PARTIAL, or an unreadable time")
    @APIResponse(responseCode = "404", description = "A '.' or '..' path segment (removed before routing)")
    @APIResponse(responseCode = "409", description = "transaction-id-in-use: the id names another transaction")
    public TransactionVo beginTransaction(
            @PathParam("transactionId") String transactionId,
            @PathParam("interfaceModule") String interfaceModule,
            @PathParam("sourceSystemName") String sourceSystemName,
            @PathParam("sourceSystemId") String sourceSystemId,
            @PathParam("sourceDataSetId") String sourceDataSetId,
            @PathParam("dataSetType") String dataSetType,
            @PathParam("sourceSystemDataSetReadyTime") String readyTime) {
        return transactions.begin(new ReceiverTransactions.Begin(
                transactionId,
                interfaceModule,
                sourceSystemName,
                sourceSystemId,
                Parameters.number("sourceDataSetId", sourceDataSetId),
                Parameters.oneOf("dataSetType", dataSetType, DataSetType.class),
                Parameters.time("sourceSystemDataSetReadyTime", readyTime)));
    }

    @POST
    @Path(
            "/beginTransmission/{transactionId}/{transmissionId}/{sourceSystemName}/{interfaceModule}/{interfaceShortName}"
                    + "/{partitionName}/{partitionBeginSeqNum}/{partitionEndSeqNum}/{beginBlockNumber}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @Operation(
            operationId = "beginTransmission",
            summary = "Begins a transmission for one partition of an interface (idempotent on retry)",
            description = ReceiverApiDocs.OWNER_RULE)
    @APIResponse(
            responseCode = "200",
            description = "The transmission, begun now or before with the same values",
            content = @Content(schema = @Schema(implementation = TransmissionVo.class)))
    @APIResponse(
            responseCode = "400",
            description = "Bad names or numbers, or partitionBeginSeqNum above partitionEndSeqNum")
    @APIResponse(responseCode = "404", description = "No such transaction of this interface module and source system")
    @APIResponse(
            responseCode = "409",
            description = "transaction-ended, or transmission-id-in-use (the id names "
                    + "another partition, or another interface of the transaction)")
    public TransmissionVo beginTransmission(
            @PathParam("transactionId") String transactionId,
            @PathParam("transmissionId") String transmissionId,
            @PathParam("sourceSystemName") String sourceSystemName,
            @PathParam("interfaceModule") String interfaceModule,
            @PathParam("interfaceShortName") String interfaceShortName,
            @PathParam("partitionName") String partitionName,
            @PathParam("partitionBeginSeqNum") String partitionBeginSeqNum,
            @PathParam("partitionEndSeqNum") String partitionEndSeqNum,
            @PathParam("beginBlockNumber") String beginBlockNumber) {
        return transmissions.begin(new ReceiverTransmissions.Begin(
                transactionId,
                transmissionId,
                sourceSystemName,
                interfaceModule,
                interfaceShortName,
                partitionName,
                Parameters.number("partitionBeginSeqNum", partitionBeginSeqNum),
                Parameters.number("partitionEndSeqNum", partitionEndSeqNum),
                Parameters.count("beginBlockNumber", beginBlockNumber)));
    }

    @POST
    @Path("/endTransmission/{transmissionId}/{sourceSystemName}/{interfaceModule}/{interfaceShortName}/{numBlocks}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @Operation(
            operationId = "endTransmission",
            summary = "Ends a transmission after numBlocks blocks (409 when the "
                    + "blocks received differ; idempotent with the same numBlocks)",
            description = ReceiverApiDocs.OWNER_RULE)
    @APIResponse(
            responseCode = "200",
            description = "The ended transmission: endBlockNumber set, status COMPLETED",
            content = @Content(schema = @Schema(implementation = TransmissionVo.class)))
    @APIResponse(responseCode = "400", description = "Bad names, or numBlocks not a count")
    @APIResponse(responseCode = "404", description = "No such transmission")
    @APIResponse(
            responseCode = "409",
            description = "blocks-missing (the blocks received are not exactly "
                    + "beginBlockNumber .. beginBlockNumber + numBlocks - 1), transmission-ended (with another numBlocks), "
                    + "transaction-ended")
    public TransmissionVo endTransmission(
            @PathParam("transmissionId") String transmissionId,
            @PathParam("sourceSystemName") String sourceSystemName,
            @PathParam("interfaceModule") String interfaceModule,
            @PathParam("interfaceShortName") String interfaceShortName,
            @PathParam("numBlocks") String numBlocks) {
        return transmissions.end(
                transmissionId,
                sourceSystemName,
                interfaceModule,
                interfaceShortName,
                Parameters.count("numBlocks", numBlocks));
    }

    @POST
    @Path("/endTransaction/{transactionId}/{sourceSystemName}/{interfaceModule}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @Operation(
            operationId = "endTransaction",
            summary = "Ends a transaction: merges by each interface's MERGE_STRATEGY "
                    + "and hands the data set to the uploader (idempotent: merges and hands over once)",
            description = ReceiverApiDocs.OWNER_RULE)
    @APIResponse(
            responseCode = "200",
            description = "The ended transaction: status COMPLETED, its end time, and in "
                    + "fileName the interface-level merged files (comma separated)",
            content = @Content(schema = @Schema(implementation = TransactionVo.class)))
    @APIResponse(responseCode = "400", description = "Bad names")
    @APIResponse(responseCode = "404", description = "No such transaction of this interface module and source system")
    @APIResponse(
            responseCode = "409",
            description = "transmissions-open (a transmission is not ended), or " + "transaction-ended (expired)")
    public TransactionVo endTransaction(
            @PathParam("transactionId") String transactionId,
            @PathParam("sourceSystemName") String sourceSystemName,
            @PathParam("interfaceModule") String interfaceModule) {
        return ending.end(transactionId, sourceSystemName, interfaceModule);
    }
}
