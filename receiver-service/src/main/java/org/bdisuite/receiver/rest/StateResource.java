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

/** Read-only views of what the receiver holds, for a sender resuming after a crash and for monitoring. */
@Path("/receiver")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.MONITOR})
public class StateResource {

    private final ReceiverState state;

    public StateResource(ReceiverState state) {
        this.state = state;
    }

    @GET
    @Path("/transactions/{transactionId}")
    @Operation(operationId = "getReceiverTransaction",
            summary = "A transaction with its transmissions and the blocks each holds so far")
    public TransactionStateVo transaction(@PathParam("transactionId") String transactionId) {
        return state.transaction(transactionId);
    }

    @GET
    @Path("/transmissions/{transmissionId}/blocks")
    @Operation(operationId = "listTransmissionBlocks",
            summary = "The blocks a transmission holds: number, item count, size and sha-256")
    public TransmissionBlocksVo blocks(@PathParam("transmissionId") String transmissionId,
                                       @QueryParam("sourceSystemName") String sourceSystemName,
                                       @QueryParam("interfaceModule") String interfaceModule,
                                       @QueryParam("interfaceShortName") String interfaceShortName) {
        return state.blocks(transmissionId, sourceSystemName, interfaceModule, interfaceShortName);
    }
}
