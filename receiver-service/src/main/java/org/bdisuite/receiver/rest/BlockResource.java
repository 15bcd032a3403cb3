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
import org.bdisuite.receiver.service.ReceiverBlocks;
import org.bdisuite.receiver.storage.ContentDigest;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Receiver Service data blocks, at the spec's path. The body (the block's CSV) is streamed, never buffered. */
@Path("/receiver")
@Produces(MediaType.APPLICATION_JSON)
public class BlockResource {

    private final ReceiverBlocks blocks;

    public BlockResource(ReceiverBlocks blocks) {
        this.blocks = blocks;
    }

    @POST
    @Path("/uploadDataBlock/{transactionId}/{transmissionId}/{sourceSystemName}/{interfaceModule}/{interfaceShortName}"
            + "/{blockNumber}/{itemCountInBlock}")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @Operation(operationId = "uploadDataBlock", summary = "Stores one data block as a file (idempotent: the same "
            + "bytes again return the stored block; an optional Content-Digest / Digest sha-256 is verified)")
    public BlockVo uploadDataBlock(@PathParam("transactionId") String transactionId,
                                   @PathParam("transmissionId") String transmissionId,
                                   @PathParam("sourceSystemName") String sourceSystemName,
                                   @PathParam("interfaceModule") String interfaceModule,
                                   @PathParam("interfaceShortName") String interfaceShortName,
                                   @PathParam("blockNumber") String blockNumber,
                                   @PathParam("itemCountInBlock") String itemCountInBlock,
                                   @HeaderParam("Content-Digest") String contentDigest,
                                   @HeaderParam("Digest") String digest,
                                   InputStream body) throws IOException {
        return blocks.upload(new ReceiverBlocks.Upload(transactionId, transmissionId, sourceSystemName, interfaceModule,
                        interfaceShortName, Parameters.count("blockNumber", blockNumber),
                        Parameters.count("itemCountInBlock", itemCountInBlock)),
                body, ContentDigest.sha256Hex(contentDigest, digest));
    }
}
