package org.bdisuite.receiver.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.bdisuite.model.api.receiver.TransmissionVo;
import org.bdisuite.receiver.config.ReceiverConfig;
import org.bdisuite.receiver.error.ReceiverRule;
import org.bdisuite.receiver.persistence.ReceiverBlockRepository;
import org.bdisuite.receiver.persistence.ReceiverOptionRepository;
import org.bdisuite.receiver.persistence.ReceiverTransaction;
import org.bdisuite.receiver.persistence.ReceiverTransactionRepository;
import org.bdisuite.receiver.persistence.ReceiverTransmission;
import org.bdisuite.receiver.persistence.ReceiverTransmissionRepository;
import org.bdisuite.receiver.persistence.TransactionStatus;
import org.bdisuite.receiver.storage.PathSegments;
import org.bdisuite.receiver.storage.ReceiverFolders;
import org.bdisuite.runtime.error.InvalidRequestException;
import org.bdisuite.runtime.error.ResourceNotFoundException;

/** Begins transmissions, one per partition of an interface (BDI guide, "Begin Receiver Transmission"). */
@ApplicationScoped
public class ReceiverTransmissions {

    private final ReceiverTransactionRepository transactions;
    private final ReceiverTransmissionRepository transmissions;
    private final ReceiverOptionRepository options;
    private final ReceiverBlockRepository blocks;
    private final ReceiverConfig config;
    private final TransactionOwners owners;

    public ReceiverTransmissions(
            ReceiverTransactionRepository transactions,
            ReceiverTransmissionRepository transmissions,
            ReceiverOptionRepository options,
            ReceiverBlockRepository blocks,
            ReceiverConfig config,
            TransactionOwners owners) {
        this.transactions = transactions;
        this.transmissions = transmissions;
        this.options = options;
        this.blocks = blocks;
        this.config = config;
        this.owners = owners;
    }

    /** What a sender asks for when it begins sending a partition. */
    public record Begin(
            String transactionId,
            String transmissionId,
            String sourceSystemName,
            String interfaceModule,
            String interfaceShortName,
            String partitionName,
            long partitionBeginSequenceNumber,
            long partitionEndSequenceNumber,
            int beginBlockNumber) {}

    /**
     * Stores the transmission in its transaction's folder under the interface's base folder, or returns the stored
     * one when this is a retry. The transaction must exist for this module and source system, and be in progress.
     */
    public TransmissionVo begin(Begin request) {
        PathSegments.require("transactionId", request.transactionId());
        PathSegments.require("transmissionId", request.transmissionId());
        PathSegments.require("sourceSystemName", request.sourceSystemName());
        PathSegments.require("interfaceModule", request.interfaceModule());
        PathSegments.require("interfaceShortName", request.interfaceShortName());
        PathSegments.require("partitionName", request.partitionName());
        if (request.partitionBeginSequenceNumber() > request.partitionEndSequenceNumber()) {
            throw InvalidRequestException.forField(
                    "partitionBeginSeqNum", "must not be greater than partitionEndSeqNum");
        }
        if (request.beginBlockNumber() < 0) {
            throw InvalidRequestException.forField("beginBlockNumber", "must not be negative");
        }
        return InsertOnce.run(() -> answer(request, true), () -> answer(request, false));
    }

    private TransmissionVo answer(Begin request, boolean mayInsert) {
        ReceiverTransaction transaction =
                transactions.getOf(request.transactionId(), request.interfaceModule(), request.sourceSystemName());
        owners.requireMayChange(transaction.getTransactionId(), transaction.getOwnerUsername());
        ReceiverTransmission wanted = new ReceiverTransmission(
                transaction,
                request.transmissionId(),
                request.interfaceShortName(),
                request.partitionName(),
                request.partitionBeginSequenceNumber(),
                request.partitionEndSequenceNumber(),
                request.beginBlockNumber(),
                folderOf(request).toString(),
                OffsetDateTime.now(ZoneOffset.UTC));
        var existing = transmissions.findByName(
                request.sourceSystemName(),
                request.interfaceModule(),
                request.interfaceShortName(),
                request.transmissionId());
        if (existing.isPresent()) {
            if (!existing.get().describesSamePartition(wanted)) {
                throw ReceiverRule.TRANSMISSION_ID_IN_USE.refuse("Transmission " + request.transmissionId() + " of "
                        + request.interfaceShortName() + " already exists for another partition or transaction");
            }
            return TransmissionViews.of(existing.get());
        }
        transmissions.findInTransaction(transaction, request.transmissionId()).ifPresent(other -> {
            throw ReceiverRule.TRANSMISSION_ID_IN_USE.refuse("Transmission id " + request.transmissionId()
                    + " is already used in transaction " + request.transactionId() + " by interface "
                    + other.getInterfaceShortName() + ": its folder would hold both interfaces' blocks");
        });
        if (!mayInsert) {
            throw new IllegalStateException("Transmission " + request.transmissionId() + " vanished after a race");
        }
        if (transaction.getStatus() != TransactionStatus.IN_PROGRESS) {
            throw ReceiverRule.TRANSACTION_ENDED.refuse("Receiver transaction " + request.transactionId() + " is "
                    + transaction.getStatus() + ": no new transmission can begin");
        }
        transmissions.persistAndFlush(wanted);
        return TransmissionViews.of(wanted);
    }

    /**
     * Ends a transmission when exactly the blocks beginBlockNumber .. beginBlockNumber + numBlocks - 1 arrived.
     * Ending it again with the same numBlocks returns the stored transmission; with another numBlocks it is a 409.
     */
    @Transactional
    public TransmissionVo end(
            String transmissionId,
            String sourceSystemName,
            String interfaceModule,
            String interfaceShortName,
            int numBlocks) {
        PathSegments.require("transmissionId", transmissionId);
        PathSegments.require("sourceSystemName", sourceSystemName);
        PathSegments.require("interfaceModule", interfaceModule);
        PathSegments.require("interfaceShortName", interfaceShortName);
        ReceiverTransmission transmission = transmissions
                .findByName(sourceSystemName, interfaceModule, interfaceShortName, transmissionId)
                .orElseThrow(() -> new ResourceNotFoundException("No transmission " + transmissionId + " of "
                        + interfaceModule + "/" + interfaceShortName + " from " + sourceSystemName));
        owners.requireMayChange(
                transmission.getTransaction().getTransactionId(),
                transmission.getTransaction().getOwnerUsername());
        // Serializes with block uploads of this transmission, which take the same lock.
        transmissions.lockForUpdate(transmission);
        if (transmission.getStatus() == TransactionStatus.COMPLETED) {
            if (transmission.numBlocks() != numBlocks) {
                throw ReceiverRule.TRANSMISSION_ENDED.refuse("Transmission " + transmissionId + " already ended with "
                        + transmission.numBlocks() + " blocks, not " + numBlocks);
            }
            return TransmissionViews.of(transmission);
        }
        if (transmission.getTransaction().getStatus() != TransactionStatus.IN_PROGRESS) {
            throw ReceiverRule.TRANSACTION_ENDED.refuse(
                    "Receiver transaction " + transmission.getTransaction().getTransactionId() + " is "
                            + transmission.getTransaction().getStatus());
        }
        ReceiverBlockRepository.Received received = blocks.receivedIn(transmission);
        int first = transmission.getBeginBlockNumber();
        boolean complete = received.count() == numBlocks
                && (numBlocks == 0 || (received.lowest() == first && received.highest() == first + numBlocks - 1));
        if (!complete) {
            throw ReceiverRule.BLOCKS_MISSING.refuse("Transmission " + transmissionId + " holds "
                    + received.count() + " blocks"
                    + (received.count() == 0
                            ? ""
                            : " (numbers " + received.lowest() + " to " + received.highest() + ")")
                    + " but numBlocks is " + numBlocks + ", numbered from " + first);
        }
        transmission.end(numBlocks, OffsetDateTime.now(ZoneOffset.UTC));
        return TransmissionViews.of(transmission);
    }

    /** ${BASE_FOLDER}/bdi-data/${TxId}/${TId}, BASE_FOLDER from the interface's receiver options or the default. */
    private Path folderOf(Begin request) {
        String baseFolder = options.findForInterface(request.interfaceModule(), request.interfaceShortName())
                .map(option -> option.getBaseFolder())
                .orElse(config.baseFolder());
        return ReceiverFolders.under(Path.of(baseFolder))
                .transmission(request.transactionId(), request.transmissionId());
    }
}
