package org.bdisuite.receiver.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.bdisuite.model.Roles;
import org.bdisuite.model.api.receiver.TransactionStateVo;
import org.bdisuite.model.api.receiver.TransmissionBlocksVo;
import org.bdisuite.receiver.service.ReceiverState;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Read-only views of what the receiver holds, for a sender resuming after a crash and for monitoring. */
@Path("/receiver")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.MONITOR})
@Tag(name = ReceiverApiDocs.TAG)
public class StateResource {

    private final ReceiverState state;

    public StateResource(ReceiverState state) {
        this.state = state;
    }

    @GET
    @Path("/transactions/{transactionId}")
    @Operation(
            operationId = "getTransactionState",
            summary = "A transaction with its transmissions and the blocks each holds so far")
    @APIResponse(
            responseCode = "200",
            description = "What a sender needs to resume",
            content = @Content(schema = @Schema(implementation = TransactionStateVo.class)))
    @APIResponse(responseCode = "400", description = "A transaction id that is not a safe folder name")
    @APIResponse(responseCode = "404", description = "The receiver has never seen this transaction")
    public TransactionStateVo transaction(@PathParam("transactionId") String transactionId) {
        return state.transaction(transactionId);
    }

    @GET
    @Path("/transmissions/{transmissionId}/blocks")
    @Operation(
            operationId = "listTransmissionBlocks",
            summary = "The blocks a transmission holds: number, item count, size and sha-256")
    @APIResponse(
            responseCode = "200",
            description = "The transmission and its blocks in block-number order",
            content = @Content(schema = @Schema(implementation = TransmissionBlocksVo.class)))
    @APIResponse(
            responseCode = "400",
            description = "ambiguous-transmission: the id is used by several interfaces "
                    + "(the query parameters narrow it), or bad names")
    @APIResponse(responseCode = "404", description = "No such transmission")
    public TransmissionBlocksVo blocks(
            @PathParam("transmissionId") String transmissionId,
            @QueryParam("sourceSystemName") String sourceSystemName,
            @QueryParam("interfaceModule") String interfaceModule,
            @QueryParam("interfaceShortName") String interfaceShortName) {
        return state.blocks(transmissionId, sourceSystemName, interfaceModule, interfaceShortName);
    }
}
