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

/** Receiver Service transactions, at the spec's paths. Only senders (bdi-operator) and admins may write. */
@Path("/receiver")
@Produces(MediaType.APPLICATION_JSON)
public class TransactionResource {

    private final ReceiverTransactions transactions;
    private final ReceiverTransmissions transmissions;
    private final TransactionEnding ending;

    public TransactionResource(ReceiverTransactions transactions, ReceiverTransmissions transmissions,
                               TransactionEnding ending) {
        this.transactions = transactions;
        this.transmissions = transmissions;
        this.ending = ending;
    }

    @POST
    @Path("/beginTransaction/{transactionId}/{interfaceModule}/{sourceSystemName}/{sourceSystemId}/{sourceDataSetId}"
            + "/{dataSetType}/{sourceSystemDataSetReadyTime}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @Operation(operationId = "beginTransaction",
            summary = "Begins a receiver transaction (idempotent: the same begin again returns the stored transaction)")
    public TransactionVo beginTransaction(@PathParam("transactionId") String transactionId,
                                          @PathParam("interfaceModule") String interfaceModule,
                                          @PathParam("sourceSystemName") String sourceSystemName,
                                          @PathParam("sourceSystemId") String sourceSystemId,
                                          @PathParam("sourceDataSetId") String sourceDataSetId,
                                          @PathParam("dataSetType") String dataSetType,
                                          @PathParam("sourceSystemDataSetReadyTime") String readyTime) {
        return transactions.begin(new ReceiverTransactions.Begin(transactionId, interfaceModule, sourceSystemName,
                sourceSystemId, Parameters.number("sourceDataSetId", sourceDataSetId),
                Parameters.oneOf("dataSetType", dataSetType, DataSetType.class),
                Parameters.time("sourceSystemDataSetReadyTime", readyTime)));
    }

    @POST
    @Path("/beginTransmission/{transactionId}/{transmissionId}/{sourceSystemName}/{interfaceModule}/{interfaceShortName}"
            + "/{partitionName}/{partitionBeginSeqNum}/{partitionEndSeqNum}/{beginBlockNumber}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @Operation(operationId = "beginTransmission",
            summary = "Begins a transmission for one partition of an interface (idempotent on retry)")
    public TransmissionVo beginTransmission(@PathParam("transactionId") String transactionId,
                                            @PathParam("transmissionId") String transmissionId,
                                            @PathParam("sourceSystemName") String sourceSystemName,
                                            @PathParam("interfaceModule") String interfaceModule,
                                            @PathParam("interfaceShortName") String interfaceShortName,
                                            @PathParam("partitionName") String partitionName,
                                            @PathParam("partitionBeginSeqNum") String partitionBeginSeqNum,
                                            @PathParam("partitionEndSeqNum") String partitionEndSeqNum,
                                            @PathParam("beginBlockNumber") String beginBlockNumber) {
        return transmissions.begin(new ReceiverTransmissions.Begin(transactionId, transmissionId, sourceSystemName,
                interfaceModule, interfaceShortName, partitionName,
                Parameters.number("partitionBeginSeqNum", partitionBeginSeqNum),
                Parameters.number("partitionEndSeqNum", partitionEndSeqNum),
                Parameters.count("beginBlockNumber", beginBlockNumber)));
    }

    @POST
    @Path("/endTransmission/{transmissionId}/{sourceSystemName}/{interfaceModule}/{interfaceShortName}/{numBlocks}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @Operation(operationId = "endTransmission", summary = "Ends a transmission after numBlocks blocks (409 when the "
            + "blocks received differ; idempotent with the same numBlocks)")
    public TransmissionVo endTransmission(@PathParam("transmissionId") String transmissionId,
                                          @PathParam("sourceSystemName") String sourceSystemName,
                                          @PathParam("interfaceModule") String interfaceModule,
                                          @PathParam("interfaceShortName") String interfaceShortName,
                                          @PathParam("numBlocks") String numBlocks) {
        return transmissions.end(transmissionId, sourceSystemName, interfaceModule, interfaceShortName,
                Parameters.count("numBlocks", numBlocks));
    }

    @POST
    @Path("/endTransaction/{transactionId}/{sourceSystemName}/{interfaceModule}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @Operation(operationId = "endTransaction", summary = "Ends a transaction: merges by each interface's MERGE_STRATEGY "
            + "and hands the data set to the uploader (idempotent: merges and hands over once)")
    public TransactionVo endTransaction(@PathParam("transactionId") String transactionId,
                                        @PathParam("sourceSystemName") String sourceSystemName,
                                        @PathParam("interfaceModule") String interfaceModule) {
        return ending.end(transactionId, sourceSystemName, interfaceModule);
    }
}
