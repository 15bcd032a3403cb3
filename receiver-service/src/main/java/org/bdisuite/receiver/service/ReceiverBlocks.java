package org.bdisuite.receiver.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.bdisuite.model.SystemOptionNames;
import org.bdisuite.model.api.receiver.BlockVo;
import org.bdisuite.receiver.config.ReceiverConfig;
import org.bdisuite.receiver.persistence.ReceiverBlock;
import org.bdisuite.receiver.persistence.ReceiverBlockRepository;
import org.bdisuite.receiver.persistence.ReceiverTransmission;
import org.bdisuite.receiver.persistence.ReceiverTransmissionRepository;
import org.bdisuite.receiver.persistence.SystemOptionRepository;
import org.bdisuite.receiver.persistence.TransactionStatus;
import org.bdisuite.receiver.storage.DurableFiles;
import org.bdisuite.receiver.storage.PathSegments;
import org.bdisuite.runtime.error.InvalidRequestException;
import org.bdisuite.runtime.error.ResourceNotFoundException;
import org.bdisuite.runtime.error.StateConflictException;
import org.bdisuite.runtime.error.UnprocessableException;

/**
 * Stores data blocks (spec 003, "Update Data Block"). The body is streamed to a staged file while no database
 * transaction is open; then a short transaction share-locks the transmission row and locks the block number,
 * decides, moves the file into place and inserts the row. A crash in between leaves a file without a row, which a retry replaces; never a row
 * without its file.
 */
@ApplicationScoped
public class ReceiverBlocks {

    /** The spec's default for receiverMaxNumBlocks, used if the seeded row was removed. */
    private static final long DEFAULT_MAX_BLOCKS = 10_000;

    private final ReceiverTransmissionRepository transmissions;
    private final ReceiverBlockRepository blocks;
    private final SystemOptionRepository systemOptions;
    private final ReceiverConfig config;
    private final EntityManager entityManager;

    public ReceiverBlocks(ReceiverTransmissionRepository transmissions, ReceiverBlockRepository blocks,
                          SystemOptionRepository systemOptions, ReceiverConfig config, EntityManager entityManager) {
        this.transmissions = transmissions;
        this.blocks = blocks;
        this.systemOptions = systemOptions;
        this.config = config;
        this.entityManager = entityManager;
    }

    /** Which block a sender uploads. */
    public record Upload(String transactionId, String transmissionId, String sourceSystemName, String interfaceModule,
                         String interfaceShortName, int blockNumber, int itemCount) {
    }

    /**
     * Stores the block, or answers a retry: the same bytes again return the stored block (200) and change nothing;
     * other bytes for a stored block number are a 409.
     */
    public BlockVo upload(Upload request, InputStream body, Optional<String> declaredSha256) throws IOException {
        PathSegments.require("transactionId", request.transactionId());
        PathSegments.require("transmissionId", request.transmissionId());
        PathSegments.require("sourceSystemName", request.sourceSystemName());
        PathSegments.require("interfaceModule", request.interfaceModule());
        PathSegments.require("interfaceShortName", request.interfaceShortName());
        Path file = QuarkusTransaction.requiringNew().call(() -> fileFor(request));
        DurableFiles.Staged staged = DurableFiles.stage(body, file, config.maxBlockBytes(), declaredSha256);
        try {
            return QuarkusTransaction.requiringNew().call(() -> keep(request, staged));
        } finally {
            staged.discard();
        }
    }

    /** Checks what can be checked before the body is read, and names the block's file. */
    private Path fileFor(Upload request) {
        ReceiverTransmission transmission = transmissionOf(request);
        if (request.blockNumber() < transmission.getBeginBlockNumber()) {
            throw InvalidRequestException.forField("blockNumber",
                    "must not be less than the transmission's beginBlockNumber " + transmission.getBeginBlockNumber());
        }
        long maxBlocks = maxBlocks();
        if (request.blockNumber() > maxBlocks) {
            throw new UnprocessableException("too-many-blocks", "Block number " + request.blockNumber()
                    + " is beyond receiverMaxNumBlocks (" + maxBlocks + ")");
        }
        if (blocks.findByNumber(transmission, request.blockNumber()).isEmpty()) {
            requireAccepting(transmission);
        }
        return Path.of(transmission.getDir()).resolve(String.valueOf(request.blockNumber()))
                .resolve(request.interfaceShortName() + "_" + request.blockNumber() + ".csv");
    }

    private BlockVo keep(Upload request, DurableFiles.Staged staged) {
        ReceiverTransmission transmission = transmissionOf(request);
        // FOR SHARE: uploads of other blocks go on in parallel, while endTransmission and the expiry (FOR UPDATE)
        // wait for this upload to commit and an upload that waited for them sees their change. A refresh, not a
        // lock: it re-reads the row, so a change the lock waited for is seen, not a stale version.
        entityManager.refresh(transmission, LockModeType.PESSIMISTIC_READ);
        lockBlockNumber(transmission, request.blockNumber());
        Optional<ReceiverBlock> stored = blocks.findByNumber(transmission, request.blockNumber());
        if (stored.isPresent()) {
            if (!stored.get().getSha256().equals(staged.sha256Hex())) {
                throw new StateConflictException("block-differs", "Block " + request.blockNumber() + " of transmission "
                        + request.transmissionId() + " is already stored with other content (sha-256 "
                        + stored.get().getSha256() + ")");
            }
            return view(stored.get());
        }
        requireAccepting(transmission);
        requireRoomInTransaction(transmission);
        try {
            DurableFiles.Written written = staged.commit();
            ReceiverBlock block = new ReceiverBlock(transmission, request.blockNumber(), request.itemCount(),
                    written.bytes(), written.sha256Hex(), written.file().getParent().toString(),
                    written.file().getFileName().toString(), OffsetDateTime.now(ZoneOffset.UTC));
            blocks.persistAndFlush(block);
            return view(block);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Serializes two uploads of the same block number (a retry racing the original), so that the second sees the
     * first's row and file instead of renaming over them. Held until the database transaction ends.
     */
    private void lockBlockNumber(ReceiverTransmission transmission, int blockNumber) {
        long id = transmission.getId();
        // Two int keys (a separate space from single-key advisory locks); folding the id only risks a needless wait.
        entityManager.createNativeQuery("SELECT pg_advisory_xact_lock(CAST(:transmission AS INTEGER), CAST(:block AS INTEGER))")
                .setParameter("transmission", (int) (id ^ (id >>> 32))).setParameter("block", blockNumber)
                .getSingleResult();
    }

    /**
     * receiverMaxNumBlocks caps the blocks of a whole transaction. The count is taken without a lock on the
     * transaction (which would serialize every upload of a transaction), so uploads racing each other can pass the cap
     * by at most one block each.
     */
    private void requireRoomInTransaction(ReceiverTransmission transmission) {
        long maxBlocks = maxBlocks();
        long held = blocks.countInTransaction(transmission.getTransaction());
        if (held >= maxBlocks) {
            throw new UnprocessableException("too-many-blocks", "Receiver transaction "
                    + transmission.getTransaction().getTransactionId() + " already holds " + held
                    + " blocks, the receiverMaxNumBlocks limit (" + maxBlocks + ")");
        }
    }

    /** Read on every upload, so that a change in bdi_system_options applies at once, without a restart. */
    private long maxBlocks() {
        return systemOptions.longValue(SystemOptionNames.RECEIVER_MAX_NUM_BLOCKS, DEFAULT_MAX_BLOCKS);
    }

    private ReceiverTransmission transmissionOf(Upload request) {
        return transmissions.findByName(request.sourceSystemName(), request.interfaceModule(),
                        request.interfaceShortName(), request.transmissionId())
                .filter(t -> t.getTransaction().getTransactionId().equals(request.transactionId()))
                .orElseThrow(() -> new ResourceNotFoundException("No transmission " + request.transmissionId() + " of "
                        + request.interfaceModule() + "/" + request.interfaceShortName() + " in transaction "
                        + request.transactionId()));
    }

    private static void requireAccepting(ReceiverTransmission transmission) {
        if (transmission.getTransaction().getStatus() != TransactionStatus.IN_PROGRESS) {
            throw new StateConflictException("transaction-ended", "Receiver transaction "
                    + transmission.getTransaction().getTransactionId() + " is " + transmission.getTransaction().getStatus()
                    + ": it accepts no more blocks");
        }
        if (transmission.getStatus() != TransactionStatus.IN_PROGRESS) {
            throw new StateConflictException("transmission-ended", "Transmission " + transmission.getTransmissionId()
                    + " is " + transmission.getStatus() + ": it accepts no more blocks");
        }
    }

    static BlockVo view(ReceiverBlock block) {
        return new BlockVo(block.getId(), block.getTransmission().getTransmissionId(), block.getBlockNumber(),
                block.getItemCount(), block.getDir(), block.getFileName(), block.getStatus(), block.getCreateTime(),
                block.getBytes(), block.getSha256());
    }
}
