package org.bdisuite.receiver.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import org.bdisuite.model.Roles;
import org.bdisuite.model.api.receiver.BlockVo;
import org.bdisuite.receiver.http.RequestClock;
import org.bdisuite.receiver.service.ReceiverBlocks;
import org.bdisuite.receiver.service.UploadPhases;
import org.bdisuite.receiver.storage.ContentDigest;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Receiver Service data blocks, at the spec's path. The body (the block's CSV) is streamed, never buffered. */
@Path("/receiver")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ReceiverApiDocs.TAG)
public class BlockResource {

    private final ReceiverBlocks blocks;
    private final UploadPhases phases;
    private final RequestClock clock;

    public BlockResource(ReceiverBlocks blocks, UploadPhases phases, RequestClock clock) {
        this.blocks = blocks;
        this.phases = phases;
        this.clock = clock;
    }

    @POST
    @Path("/uploadDataBlock/{transactionId}/{transmissionId}/{sourceSystemName}/{interfaceModule}/{interfaceShortName}"
            + "/{blockNumber}/{itemCountInBlock}")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @Operation(
            operationId = "uploadDataBlock",
            summary = "Stores one data block as a file (idempotent: the same "
                    + "bytes again return the stored block; an optional Content-Digest / Digest sha-256 is verified)",
            description = ReceiverApiDocs.OWNER_RULE + " The blocks of a module's transactions that are not yet ended"
                    + " count against its open-data quota (suite.receiver.quota).")
    @APIResponse(
            responseCode = "200",
            description = "The stored block (also for the same bytes sent again)",
            content = @Content(schema = @Schema(implementation = BlockVo.class)))
    @APIResponse(
            responseCode = "400",
            description = "Bad names or numbers, a block number below the transmission's "
                    + "beginBlockNumber, or an unreadable digest header")
    @APIResponse(responseCode = "404", description = "No such transmission in this transaction")
    @APIResponse(
            responseCode = "409",
            description =
                    "block-differs (other bytes for a stored block number), " + "transmission-ended, transaction-ended")
    @APIResponse(responseCode = "413", description = "The body is larger than suite.receiver.max-block-bytes")
    @APIResponse(
            responseCode = "422",
            description = "digest-mismatch, or too-many-blocks (the block number is over "
                    + "receiverMaxNumBlocks, or the transaction already holds that many blocks)")
    @APIResponse(
            responseCode = "507",
            description = "quota-exceeded: the block would take the interface module's "
                    + "open data over its quota; nothing was stored")
    public BlockVo uploadDataBlock(
            @PathParam("transactionId") String transactionId,
            @PathParam("transmissionId") String transmissionId,
            @PathParam("sourceSystemName") String sourceSystemName,
            @PathParam("interfaceModule") String interfaceModule,
            @PathParam("interfaceShortName") String interfaceShortName,
            @PathParam("blockNumber") String blockNumber,
            @PathParam("itemCountInBlock") String itemCountInBlock,
            @HeaderParam("Content-Digest") String contentDigest,
            @HeaderParam("Digest") String digest,
            @RequestBody(
                            required = true,
                            description = "The block's rows as CSV text, each "
                                    + "line ending with a newline; any content type is accepted",
                            content =
                                    @Content(
                                            mediaType = "text/csv",
                                            schema = @Schema(type = SchemaType.STRING),
                                            example = "1,RED,COLOR\n2,BLUE,COLOR\n"))
                    InputStream body)
            throws IOException {
        UploadPhases.Lap lap = phases.start(clock.arrived(), clock.authenticated());
        BlockVo stored = blocks.upload(
                new ReceiverBlocks.Upload(
                        transactionId,
                        transmissionId,
                        sourceSystemName,
                        interfaceModule,
                        interfaceShortName,
                        Parameters.count("blockNumber", blockNumber),
                        Parameters.count("itemCountInBlock", itemCountInBlock)),
                body,
                ContentDigest.sha256Hex(contentDigest, digest),
                lap);
        clock.whenAnswered(() -> lap.end(UploadPhases.Phase.RESPONSE));
        return stored;
    }
}
