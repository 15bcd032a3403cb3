package org.bdisuite.receiver.service;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bdisuite.model.MergeStrategy;
import org.bdisuite.model.api.receiver.TransactionVo;
import org.bdisuite.model.entity.ReceiverOption;
import org.bdisuite.model.entity.UploaderDataControl;
import org.bdisuite.receiver.persistence.ModuleUsageStore;
import org.bdisuite.receiver.persistence.ReceiverBlockRepository;
import org.bdisuite.receiver.persistence.ReceiverOptionRepository;
import org.bdisuite.receiver.persistence.ReceiverTransaction;
import org.bdisuite.receiver.persistence.ReceiverTransactionRepository;
import org.bdisuite.receiver.persistence.ReceiverTransmission;
import org.bdisuite.receiver.persistence.ReceiverTransmissionRepository;
import org.bdisuite.receiver.persistence.TransactionStatus;
import org.bdisuite.receiver.persistence.UploaderDataControlRepository;
import org.bdisuite.receiver.storage.FileMerger;
import org.bdisuite.receiver.storage.PathSegments;
import org.bdisuite.runtime.error.StateConflictException;

/**
 * Ends receiver transactions (spec 003, "End Transaction"): merges each interface's block files by its
 * MERGE_STRATEGY, marks the transaction COMPLETED, inserts the uploader handshake row and frees its bytes in the
 * module's open-data quota, all while holding the
 * transaction's row lock and in one database transaction. Two concurrent ends merge once and hand over once; an
 * end repeated later returns the stored result.
 */
@ApplicationScoped
public class TransactionEnding {

    private final ReceiverTransactionRepository transactions;
    private final ReceiverTransmissionRepository transmissions;
    private final ReceiverBlockRepository blocks;
    private final ReceiverOptionRepository options;
    private final UploaderDataControlRepository handshakes;
    private final EntityManager entityManager;
    private final TransactionOwners owners;
    private final ModuleUsageStore usage;
    private final OpenDataMetrics metrics;

    public TransactionEnding(
            ReceiverTransactionRepository transactions,
            ReceiverTransmissionRepository transmissions,
            ReceiverBlockRepository blocks,
            ReceiverOptionRepository options,
            UploaderDataControlRepository handshakes,
            EntityManager entityManager,
            TransactionOwners owners,
            ModuleUsageStore usage,
            OpenDataMetrics metrics) {
        this.transactions = transactions;
        this.transmissions = transmissions;
        this.blocks = blocks;
        this.options = options;
        this.handshakes = handshakes;
        this.entityManager = entityManager;
        this.owners = owners;
        this.usage = usage;
        this.metrics = metrics;
    }

    @Transactional
    public TransactionVo end(String transactionId, String sourceSystemName, String interfaceModule) {
        PathSegments.require("transactionId", transactionId);
        PathSegments.require("sourceSystemName", sourceSystemName);
        PathSegments.require("interfaceModule", interfaceModule);
        ReceiverTransaction transaction = transactions.getOf(transactionId, interfaceModule, sourceSystemName);
        owners.requireMayChange(transactionId, transaction.getOwnerUsername());
        // Re-read under FOR UPDATE: a concurrent end waits here and then sees COMPLETED.
        entityManager.refresh(transaction, LockModeType.PESSIMISTIC_WRITE);
        if (transaction.getStatus() == TransactionStatus.COMPLETED) {
            return TransactionViews.of(transaction);
        }
        if (transaction.getStatus() != TransactionStatus.IN_PROGRESS) {
            throw new StateConflictException(
                    "transaction-ended", "Receiver transaction " + transactionId + " is " + transaction.getStatus());
        }
        List<ReceiverTransmission> all = transmissions.list(
                "transaction",
                Sort.by("interfaceShortName")
                        .and("partitionBeginSequenceNumber")
                        .and("id"),
                transaction);
        List<String> open = all.stream()
                .filter(t -> t.getStatus() != TransactionStatus.COMPLETED)
                .map(ReceiverTransmission::getTransmissionId)
                .toList();
        if (!open.isEmpty()) {
            throw new StateConflictException(
                    "transmissions-open",
                    "Receiver transaction " + transactionId + " still has transmissions in progress: " + open
                            + "; end them first");
        }
        Map<String, List<ReceiverTransmission>> byInterface = groupByInterface(all);
        Map<String, MergeStrategy> strategies = new LinkedHashMap<>();
        byInterface.keySet().forEach(name -> strategies.put(name, strategyOf(interfaceModule, name)));
        MergeStrategy handedOverLevel = mergeEachInterface(transaction, byInterface, strategies);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        transaction.complete(interfaceFileNames(strategies), now);
        handshakes.persist(new UploaderDataControl(
                interfaceModule,
                transactionId,
                transaction.getSourceDataSetId(),
                transaction.getSourceSystemDataSetReadyTime(),
                transaction.getDataSetType(),
                now,
                handedOverLevel,
                sourceSystemName,
                transaction.getId()));
        // Handed over to the uploader: its data no longer counts against the module's open-data quota.
        metrics.held(interfaceModule, usage.release(interfaceModule, transaction.getId()));
        return TransactionViews.of(transaction);
    }

    /**
     * Merges every interface by its own strategy. The handshake has one merge level for the whole data set: the
     * least merged of the interfaces', which is true of every file the uploader will find.
     */
    private MergeStrategy mergeEachInterface(
            ReceiverTransaction transaction,
            Map<String, List<ReceiverTransmission>> byInterface,
            Map<String, MergeStrategy> strategies) {
        MergeStrategy least = null;
        for (Map.Entry<String, List<ReceiverTransmission>> ofInterface : byInterface.entrySet()) {
            MergeStrategy strategy = strategies.get(ofInterface.getKey());
            merge(transaction, ofInterface.getKey(), ofInterface.getValue(), strategy);
            least = least == null || strategy.ordinal() < least.ordinal() ? strategy : least;
        }
        return least == null ? MergeStrategy.NO_MERGE : least;
    }

    private void merge(
            ReceiverTransaction transaction,
            String interfaceShortName,
            List<ReceiverTransmission> ofInterface,
            MergeStrategy strategy) {
        try {
            switch (strategy) {
                case NO_MERGE -> {
                    // The block files are the data set.
                }
                case MERGE_TO_PARTITION_LEVEL -> {
                    for (ReceiverTransmission transmission : ofInterface) {
                        String name = interfaceShortName + ".csv";
                        FileMerger.concatenate(
                                blockFiles(transmission),
                                Path.of(transmission.getDir()).resolve(name));
                        transmission.mergedInto(name);
                    }
                }
                case MERGE_TO_INTERFACE_LEVEL -> {
                    List<Path> parts = new ArrayList<>();
                    for (ReceiverTransmission transmission : ofInterface) {
                        parts.addAll(blockFiles(transmission));
                    }
                    FileMerger.concatenate(
                            parts, transactionFolderOf(ofInterface.get(0)).resolve(interfaceShortName + ".csv"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Merging " + interfaceShortName + " of " + transaction.getTransactionId() + " failed", e);
        }
    }

    /** The interface-level merged files, named in the transaction's fileName (comma separated), or null. */
    private static String interfaceFileNames(Map<String, MergeStrategy> strategies) {
        List<String> names = strategies.entrySet().stream()
                .filter(entry -> entry.getValue() == MergeStrategy.MERGE_TO_INTERFACE_LEVEL)
                .map(entry -> entry.getKey() + ".csv")
                .toList();
        return names.isEmpty() ? null : String.join(",", names);
    }

    private List<Path> blockFiles(ReceiverTransmission transmission) {
        return blocks.list("transmission", Sort.by("blockNumber"), transmission).stream()
                .map(block -> Path.of(block.getDir()).resolve(block.getFileName()))
                .toList();
    }

    /** ${TxId} under the interface's base folder: the parent of its transmissions' ${TId} folders. */
    private static Path transactionFolderOf(ReceiverTransmission transmission) {
        return Path.of(transmission.getDir()).getParent();
    }

    private MergeStrategy strategyOf(String interfaceModule, String interfaceShortName) {
        return options.findForInterface(interfaceModule, interfaceShortName)
                .map(ReceiverOption::getMergeStrategy)
                .orElse(MergeStrategy.NO_MERGE);
    }

    private static Map<String, List<ReceiverTransmission>> groupByInterface(List<ReceiverTransmission> all) {
        Map<String, List<ReceiverTransmission>> grouped = new LinkedHashMap<>();
        all.stream()
                .sorted(Comparator.comparing(ReceiverTransmission::getInterfaceShortName))
                .forEach(t -> grouped.computeIfAbsent(t.getInterfaceShortName(), name -> new ArrayList<>())
                        .add(t));
        return grouped;
    }
}
