package org.bdisuite.receiver.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.OptionalLong;
import org.bdisuite.model.api.receiver.BlockVo;
import org.bdisuite.receiver.config.ReceiverConfig;
import org.bdisuite.receiver.error.ReceiverRule;
import org.bdisuite.receiver.persistence.ModuleUsageStore;
import org.bdisuite.receiver.persistence.ReceiverBlock;
import org.bdisuite.receiver.persistence.ReceiverBlockRepository;
import org.bdisuite.receiver.persistence.TransactionStatus;
import org.bdisuite.receiver.persistence.UploadTransaction;
import org.bdisuite.receiver.service.UploadPhases.Phase;
import org.bdisuite.receiver.storage.DurableFiles;
import org.bdisuite.receiver.storage.PathSegments;
import org.bdisuite.runtime.error.InvalidRequestException;
import org.bdisuite.runtime.error.ResourceNotFoundException;
import org.jboss.logging.Logger;

/**
 * Stores data blocks (BDI guide, "Update Data Block"). The body is streamed to a staged file while no database
 * transaction is open; then a short transaction (a plain JDBC one, {@link UploadTransaction}) locks the block
 * number and share-locks the transmission row,
 * decides, moves the file into place, inserts the row and counts its bytes against the module's open-data quota.
 * A crash in between leaves a file without a row, which a retry replaces; never a row without its file. The
 * statements are {@link ReceiverBlockRepository}'s and {@link ModuleUsageStore}'s, one round trip each.
 * <p>
 * The disk and the database work side by side: the file is forced while the locks are taken, the rename while the
 * row is inserted; the commit waits for both forces (so a 200 still means the bytes, the folder entry and the row
 * survive a power loss). {@link UploadPhases} times each step.
 * <p>
 * The quota is checked twice: while streaming, against what the module held when the upload began (a body that
 * cannot fit is cut off as soon as it is too large, before it fills the disk), and once the body is complete, by a
 * reservation of its bytes in the module's counter (one statement under the counter row's lock, so concurrent uploads
 * never overshoot it together, committed at once, so that the lock is not held until the block's commit). The block's
 * transaction settles the reservation; a refused or failed upload gives it back ({@link ModuleUsageStore}).
 */
@ApplicationScoped
public class ReceiverBlocks {

    private static final Logger LOG = Logger.getLogger(ReceiverBlocks.class);

    /** The spec's default for receiverMaxNumBlocks, used if the seeded row was removed. */
    private static final long DEFAULT_MAX_BLOCKS = 10_000;

    private final ReceiverBlockRepository blocks;
    private final ModuleUsageStore usage;
    private final ReceiverConfig config;
    private final TransactionOwners owners;
    private final OpenDataMetrics metrics;

    public ReceiverBlocks(
            ReceiverBlockRepository blocks,
            ModuleUsageStore usage,
            ReceiverConfig config,
            TransactionOwners owners,
            OpenDataMetrics metrics) {
        this.blocks = blocks;
        this.usage = usage;
        this.config = config;
        this.owners = owners;
        this.metrics = metrics;
    }

    /** Which block a sender uploads. */
    public record Upload(
            String transactionId,
            String transmissionId,
            String sourceSystemName,
            String interfaceModule,
            String interfaceShortName,
            int blockNumber,
            int itemCount) {}

    /**
     * Stores the block, or answers a retry: the same bytes again return the stored block (200) and change nothing;
     * other bytes for a stored block number are a 409. {@code lap} times the phases (see {@link UploadPhases}).
     */
    public BlockVo upload(Upload request, InputStream body, Optional<String> declaredSha256, UploadPhases.Lap lap)
            throws IOException {
        PathSegments.require("transactionId", request.transactionId());
        PathSegments.require("transmissionId", request.transmissionId());
        PathSegments.require("sourceSystemName", request.sourceSystemName());
        PathSegments.require("interfaceModule", request.interfaceModule());
        PathSegments.require("interfaceShortName", request.interfaceShortName());
        ReceiverBlockRepository.Target target = targetOf(request);
        lap.end(Phase.TARGET);
        long quota = config.quota().of(request.interfaceModule());
        DurableFiles.Staged staged =
                DurableFiles.stage(body, fileFor(request, target), limitOf(request, target, quota), declaredSha256);
        lap.end(Phase.BODY);
        Optional<ModuleUsageStore.Reservation> reservation = Optional.empty();
        boolean counted = false;
        try {
            reservation = reserve(request, target, staged, quota);
            lap.end(Phase.QUOTA);
            Kept kept;
            try (UploadTransaction transaction = blocks.begin()) {
                kept = keep(transaction, request, target, staged, quota, reservation, lap);
                transaction.commit();
            }
            lap.end(Phase.COMMIT);
            counted = kept.counted();
            return kept.block();
        } finally {
            staged.discard();
            if (!counted) {
                reservation.ifPresent(r -> cancel(request, r));
            }
        }
    }

    /** The stored block, and whether this upload's bytes were counted with it (false for a retry of a stored one). */
    private record Kept(BlockVo block, boolean counted) {}

    /**
     * Reserves the body's bytes against the module's quota in a short transaction of its own, before the block's
     * locks: the counter row is not held until the block's commit (see {@link ModuleUsageStore}). A retry of a stored
     * block reserves nothing. When the bytes do not fit, nothing is kept: the staged file and the folder made for it
     * go, and the answer is a 507.
     */
    private Optional<ModuleUsageStore.Reservation> reserve(
            Upload request, ReceiverBlockRepository.Target target, DurableFiles.Staged staged, long quota)
            throws IOException {
        if (target.stored()) {
            return Optional.empty();
        }
        Optional<ModuleUsageStore.Reservation> reservation =
                usage.reserve(request.interfaceModule(), staged.bytes(), quota);
        if (reservation.isEmpty()) {
            staged.discard();
            removeEmptyFolder(staged.target().getParent());
            throw quotaExceeded(request, quota);
        }
        metrics.held(request.interfaceModule(), reservation.get().held());
        return reservation;
    }

    /** Gives a refused or failed upload's reservation back; if that fails, the expiry run's release does it later. */
    private void cancel(Upload request, ModuleUsageStore.Reservation reservation) {
        try {
            usage.cancel(reservation.id()).ifPresent(held -> metrics.held(request.interfaceModule(), held));
        } catch (RuntimeException e) {
            LOG.warnf(
                    "Could not give back the quota reservation %d of %s (released by a later expiry run): %s",
                    reservation.id(), request.interfaceModule(), e.getMessage());
        }
    }

    /**
     * The body may not be larger than a block may be, nor than the room left in the module's quota. A retry of a
     * stored block adds nothing to the quota, so only the block limit applies to it.
     */
    private DurableFiles.Limit limitOf(Upload request, ReceiverBlockRepository.Target target, long quota) {
        long room = Math.max(0, quota - target.moduleOpenBytes());
        if (target.stored() || room >= config.maxBlockBytes()) {
            return DurableFiles.Limit.of(config.maxBlockBytes());
        }
        return new DurableFiles.Limit(room, () -> quotaExceeded(request, quota));
    }

    /** The transmission, checked for what can be checked before the body is read (one autocommit statement). */
    private ReceiverBlockRepository.Target targetOf(Upload request) {
        ReceiverBlockRepository.Target target = blocks.target(
                        request.sourceSystemName(),
                        request.interfaceModule(),
                        request.interfaceShortName(),
                        request.transmissionId(),
                        request.blockNumber())
                .filter(t -> t.transactionId().equals(request.transactionId()))
                .orElseThrow(() -> notFound(request));
        owners.requireMayChange(request.transactionId(), target.ownerUsername());
        if (request.blockNumber() < target.beginBlockNumber()) {
            throw InvalidRequestException.forField(
                    "blockNumber",
                    "must not be less than the transmission's beginBlockNumber " + target.beginBlockNumber());
        }
        long maxBlocks = maxBlocks(target.maxBlocks());
        if (request.blockNumber() > maxBlocks) {
            throw ReceiverRule.TOO_MANY_BLOCKS.refuse(
                    "Block number " + request.blockNumber() + " is beyond receiverMaxNumBlocks (" + maxBlocks + ")");
        }
        if (!target.stored()) {
            requireAccepting(request, target.transactionStatus(), target.status());
        }
        return target;
    }

    /** The block's file: ${dir}/${BId}/${interface}_${BId}.csv, every part validated before. */
    private static Path fileFor(Upload request, ReceiverBlockRepository.Target target) {
        return Path.of(target.dir())
                .resolve(String.valueOf(request.blockNumber()))
                .resolve(request.interfaceShortName() + "_" + request.blockNumber() + ".csv");
    }

    private Kept keep(
            UploadTransaction transaction,
            Upload request,
            ReceiverBlockRepository.Target target,
            DurableFiles.Staged staged,
            long quota,
            Optional<ModuleUsageStore.Reservation> reservation,
            UploadPhases.Lap lap) {
        ReceiverBlockRepository.Locked locked =
                blocks.lock(transaction, target.rowId(), request.blockNumber()).orElseThrow(() -> notFound(request));
        lap.end(Phase.LOCK);
        if (locked.stored().isPresent()) {
            BlockVo stored = locked.stored().get();
            if (!stored.sha256().equals(staged.sha256Hex())) {
                throw ReceiverRule.BLOCK_DIFFERS.refuse("Block " + request.blockNumber() + " of transmission "
                        + request.transmissionId() + " is already stored with other content (sha-256 "
                        + stored.sha256() + ")");
            }
            return new Kept(stored, false);
        }
        requireAccepting(request, locked.transactionStatus(), locked.status());
        requireRoomInTransaction(request, locked);
        try {
            DurableFiles.Placed placed = staged.place();
            lap.end(Phase.FILE_FORCE);
            DurableFiles.Written written = placed.written();
            // The reserved bytes now count for this block: its reservation is settled with its row.
            ReceiverBlockRepository.Recorded recorded = blocks.insert(
                    transaction,
                    new ReceiverBlockRepository.NewBlock(
                            target.rowId(),
                            request.transmissionId(),
                            request.blockNumber(),
                            request.itemCount(),
                            written.bytes(),
                            written.sha256Hex(),
                            written.file().getParent().toString(),
                            written.file().getFileName().toString(),
                            OffsetDateTime.now(ZoneOffset.UTC)),
                    reservation.map(r -> OptionalLong.of(r.id())).orElseGet(OptionalLong::empty));
            lap.end(Phase.RECORD);
            // The row commits only once the rename is on disk: never a row without its file after a power loss.
            placed.durable();
            lap.end(Phase.FOLDER_FORCE);
            if (!recorded.settled()) {
                countAgainstQuota(transaction, request, written, quota);
                lap.end(Phase.QUOTA);
            }
            return new Kept(recorded.block(), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Counts the block's bytes when no reservation did (a stored block's retry found it missing, or the reservation
     * was released while the upload paused): last, so that the module's counter row is locked only until the commit
     * that follows. When they do not fit, the block's file goes and the refusal rolls the row back: nothing is kept.
     */
    private void countAgainstQuota(
            UploadTransaction transaction, Upload request, DurableFiles.Written written, long quota)
            throws IOException {
        OptionalLong held = usage.add(transaction, request.interfaceModule(), written.bytes(), quota);
        if (held.isEmpty()) {
            removeRefused(written.file());
            throw quotaExceeded(request, quota);
        }
        metrics.held(request.interfaceModule(), held.getAsLong());
    }

    /**
     * Removes a refused block's file and its ${BId} folder when that is empty: no row names either (the block number's
     * lock is held and none is stored under it).
     */
    private static void removeRefused(Path file) throws IOException {
        Files.deleteIfExists(file);
        removeEmptyFolder(file.getParent());
    }

    private static void removeEmptyFolder(Path folder) throws IOException {
        try {
            Files.deleteIfExists(folder);
        } catch (DirectoryNotEmptyException keptByAnEarlierAttempt) {
            // A file an earlier crashed attempt left there (a retry replaces it), or a twin upload's staged file.
        }
    }

    private org.bdisuite.runtime.error.SuiteException quotaExceeded(Upload request, long quota) {
        metrics.refused(request.interfaceModule());
        return ReceiverRule.QUOTA_EXCEEDED.refuse("Interface module " + request.interfaceModule()
                + " may hold at most " + quota + " bytes of open receiver data (blocks of transactions not yet"
                + " ended) and this block would exceed that; nothing was stored. Ending its open transactions frees"
                + " their space.");
    }

    /**
     * receiverMaxNumBlocks caps the blocks of a whole transaction. The count is taken without a lock on the
     * transaction (which would serialize every upload of a transaction), so uploads racing each other can pass the cap
     * by at most one block each.
     */
    private static void requireRoomInTransaction(Upload request, ReceiverBlockRepository.Locked locked) {
        long maxBlocks = maxBlocks(locked.maxBlocks());
        if (locked.blocksInTransaction() >= maxBlocks) {
            throw ReceiverRule.TOO_MANY_BLOCKS.refuse("Receiver transaction " + request.transactionId()
                    + " already holds " + locked.blocksInTransaction()
                    + " blocks, the receiverMaxNumBlocks limit ("
                    + maxBlocks + ")");
        }
    }

    /**
     * The option's text as read with every upload, so that a change in bdi_system_options applies at once, without
     * a restart; the default when it is missing or not a whole number.
     */
    private static long maxBlocks(String option) {
        String value = option == null ? "" : option.trim();
        return value.matches("\\d{1,18}") ? Long.parseLong(value) : DEFAULT_MAX_BLOCKS;
    }

    private static ResourceNotFoundException notFound(Upload request) {
        return new ResourceNotFoundException("No transmission " + request.transmissionId() + " of "
                + request.interfaceModule() + "/" + request.interfaceShortName() + " in transaction "
                + request.transactionId());
    }

    private static void requireAccepting(
            Upload request, TransactionStatus transactionStatus, TransactionStatus status) {
        if (transactionStatus != TransactionStatus.IN_PROGRESS) {
            throw ReceiverRule.TRANSACTION_ENDED.refuse("Receiver transaction " + request.transactionId() + " is "
                    + transactionStatus + ": it accepts no more blocks");
        }
        if (status != TransactionStatus.IN_PROGRESS) {
            throw ReceiverRule.TRANSMISSION_ENDED.refuse(
                    "Transmission " + request.transmissionId() + " is " + status + ": it accepts no more blocks");
        }
    }

    /** A stored block as the API shows it (the state endpoint's block list). */
    static BlockVo view(ReceiverBlock block) {
        return new BlockVo(
                block.getId(),
                block.getTransmission().getTransmissionId(),
                block.getBlockNumber(),
                block.getItemCount(),
                block.getDir(),
                block.getFileName(),
                block.getStatus(),
                block.getCreateTime(),
                block.getBytes(),
                block.getSha256());
    }
}
