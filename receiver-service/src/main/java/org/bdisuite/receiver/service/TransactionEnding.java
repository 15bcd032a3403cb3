package org.bdisuite.receiver.service;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
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
import org.bdisuite.receiver.config.ReceiverConfig;
import org.bdisuite.receiver.error.ReceiverRule;
import org.bdisuite.receiver.persistence.HandOverFile.DataSetFile;
import org.bdisuite.receiver.persistence.HandOverRepository;
import org.bdisuite.receiver.persistence.ModuleUsageStore;
import org.bdisuite.receiver.persistence.ReceiverBlock;
import org.bdisuite.receiver.persistence.ReceiverBlockRepository;
import org.bdisuite.receiver.persistence.ReceiverOptionRepository;
import org.bdisuite.receiver.persistence.ReceiverTransaction;
import org.bdisuite.receiver.persistence.ReceiverTransactionRepository;
import org.bdisuite.receiver.persistence.ReceiverTransmission;
import org.bdisuite.receiver.persistence.ReceiverTransmissionRepository;
import org.bdisuite.receiver.persistence.TransactionStatus;
import org.bdisuite.receiver.storage.FileMerger;
import org.bdisuite.receiver.storage.MergedFileName;
import org.bdisuite.receiver.storage.PathSegments;
import org.bdisuite.runtime.tracing.TraceParents;

/**
 * Ends receiver transactions (BDI guide, "End Transaction"): merges each interface's block files by its
 * MERGE_STRATEGY, marks the transaction COMPLETED, hands the data set over to the uploader (the handshake row and
 * the list of its files) and frees its bytes in the module's open-data quota, all while holding the transaction's
 * row lock and in one database transaction. Two concurrent ends merge once and hand over once; an end repeated
 * later returns the stored result. A transaction that received no data (no rows in any block) completes without a
 * hand-over, as the BDI guide says: the uploader has nothing to load.
 */
@ApplicationScoped
@Startup // checks suite.receiver.merged-file-name at start, not at the first end
public class TransactionEnding {

    private final ReceiverTransactionRepository transactions;
    private final ReceiverTransmissionRepository transmissions;
    private final ReceiverBlockRepository blocks;
    private final ReceiverOptionRepository options;
    private final HandOverRepository handOver;
    private final TransactionOwners owners;
    private final ModuleUsageStore usage;
    private final OpenDataMetrics metrics;
    private final MergedFileName mergedFileName;

    public TransactionEnding(
            ReceiverTransactionRepository transactions,
            ReceiverTransmissionRepository transmissions,
            ReceiverBlockRepository blocks,
            ReceiverOptionRepository options,
            HandOverRepository handOver,
            TransactionOwners owners,
            ModuleUsageStore usage,
            OpenDataMetrics metrics,
            ReceiverConfig config) {
        this.transactions = transactions;
        this.transmissions = transmissions;
        this.blocks = blocks;
        this.options = options;
        this.handOver = handOver;
        this.owners = owners;
        this.usage = usage;
        this.metrics = metrics;
        this.mergedFileName = MergedFileName.of(config.mergedFileName());
    }

    @Transactional
    public TransactionVo end(String transactionId, String sourceSystemName, String interfaceModule) {
        PathSegments.require("transactionId", transactionId);
        PathSegments.require("sourceSystemName", sourceSystemName);
        PathSegments.require("interfaceModule", interfaceModule);
        ReceiverTransaction transaction = transactions.getOf(transactionId, interfaceModule, sourceSystemName);
        owners.requireMayChange(transactionId, transaction.getOwnerUsername());
        // Re-read under FOR UPDATE: a concurrent end waits here and then sees COMPLETED.
        transactions.lockForUpdate(transaction);
        if (transaction.getStatus() == TransactionStatus.COMPLETED) {
            return TransactionViews.of(transaction);
        }
        if (transaction.getStatus() != TransactionStatus.IN_PROGRESS) {
            throw ReceiverRule.TRANSACTION_ENDED.refuse(
                    "Receiver transaction " + transactionId + " is " + transaction.getStatus());
        }
        List<ReceiverTransmission> all = transmissions.ofTransaction(transaction);
        List<String> open = all.stream()
                .filter(t -> t.getStatus() != TransactionStatus.COMPLETED)
                .map(ReceiverTransmission::getTransmissionId)
                .toList();
        if (!open.isEmpty()) {
            throw ReceiverRule.TRANSMISSIONS_OPEN.refuse("Receiver transaction " + transactionId
                    + " still has transmissions in progress: " + open + "; end them first");
        }
        Map<ReceiverTransmission, List<ReceiverBlock>> blocksOf = new LinkedHashMap<>();
        all.forEach(transmission -> blocksOf.put(transmission, blocks.ofTransmission(transmission)));
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        if (rowsIn(blocksOf) == 0) {
            transaction.complete(null, now);
        } else {
            Map<String, List<ReceiverTransmission>> byInterface = groupByInterface(all);
            Map<String, MergeStrategy> strategies = new LinkedHashMap<>();
            byInterface.keySet().forEach(name -> strategies.put(name, strategyOf(interfaceModule, name)));
            List<DataSetFile> files = new ArrayList<>();
            MergeStrategy handedOverLevel = mergeEachInterface(transaction, byInterface, strategies, blocksOf, files);
            transaction.complete(interfaceFileNames(strategies), now);
            handOver.handOver(
                    new UploaderDataControl(
                            interfaceModule,
                            transactionId,
                            transaction.getSourceDataSetId(),
                            transaction.getSourceSystemDataSetReadyTime(),
                            transaction.getDataSetType(),
                            now,
                            handedOverLevel,
                            sourceSystemName,
                            transaction.getId(),
                            // This request's span: the transporter's trace, which the importer continues.
                            TraceParents.current()),
                    files);
        }
        // Handed over to the uploader (or nothing to hand over): its data no longer counts against the quota.
        metrics.held(interfaceModule, usage.release(interfaceModule, transaction.getId()));
        return TransactionViews.of(transaction);
    }

    private static long rowsIn(Map<ReceiverTransmission, List<ReceiverBlock>> blocksOf) {
        return blocksOf.values().stream()
                .flatMap(List::stream)
                .mapToLong(ReceiverBlock::getItemCount)
                .sum();
    }

    /**
     * Merges every interface by its own strategy and adds its files to {@code files}. The handshake has one merge
     * level for the whole data set: the least merged of the interfaces'; each file carries its own.
     */
    private MergeStrategy mergeEachInterface(
            ReceiverTransaction transaction,
            Map<String, List<ReceiverTransmission>> byInterface,
            Map<String, MergeStrategy> strategies,
            Map<ReceiverTransmission, List<ReceiverBlock>> blocksOf,
            List<DataSetFile> files) {
        MergeStrategy least = null;
        for (Map.Entry<String, List<ReceiverTransmission>> ofInterface : byInterface.entrySet()) {
            MergeStrategy strategy = strategies.get(ofInterface.getKey());
            try {
                files.addAll(merge(ofInterface.getKey(), ofInterface.getValue(), strategy, blocksOf));
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "Merging " + ofInterface.getKey() + " of " + transaction.getTransactionId() + " failed", e);
            }
            least = least == null || strategy.ordinal() < least.ordinal() ? strategy : least;
        }
        return least == null ? MergeStrategy.NO_MERGE : least;
    }

    /** The interface's files after its merge: its block files, one file per transmission, or one file. */
    private List<DataSetFile> merge(
            String interfaceShortName,
            List<ReceiverTransmission> ofInterface,
            MergeStrategy strategy,
            Map<ReceiverTransmission, List<ReceiverBlock>> blocksOf)
            throws IOException {
        String name = mergedFileName.forInterface(interfaceShortName);
        List<DataSetFile> files = new ArrayList<>();
        switch (strategy) {
            case NO_MERGE -> {
                for (ReceiverTransmission transmission : ofInterface) {
                    for (ReceiverBlock block : blocksOf.get(transmission)) {
                        files.add(new DataSetFile(
                                interfaceShortName,
                                strategy,
                                pathOf(block).toString(),
                                block.getItemCount(),
                                block.getBytes(),
                                block.getSha256()));
                    }
                }
            }
            case MERGE_TO_PARTITION_LEVEL -> {
                for (ReceiverTransmission transmission : ofInterface) {
                    List<ReceiverBlock> parts = blocksOf.get(transmission);
                    Path target = Path.of(transmission.getDir()).resolve(name);
                    files.add(merged(interfaceShortName, strategy, parts, target));
                    transmission.mergedInto(name);
                }
            }
            case MERGE_TO_INTERFACE_LEVEL -> {
                List<ReceiverBlock> parts = new ArrayList<>();
                ofInterface.forEach(transmission -> parts.addAll(blocksOf.get(transmission)));
                Path target = transactionFolderOf(ofInterface.get(0)).resolve(name);
                files.add(merged(interfaceShortName, strategy, parts, target));
            }
        }
        return files;
    }

    private static DataSetFile merged(
            String interfaceShortName, MergeStrategy strategy, List<ReceiverBlock> parts, Path target)
            throws IOException {
        FileMerger.Merged merged = FileMerger.concatenate(
                parts.stream().map(TransactionEnding::pathOf).toList(), target);
        long rows = parts.stream().mapToLong(ReceiverBlock::getItemCount).sum();
        return new DataSetFile(interfaceShortName, strategy, target.toString(), rows, merged.bytes(), merged.sha256());
    }

    /** The interface-level merged files, named in the transaction's fileName (comma separated), or null. */
    private String interfaceFileNames(Map<String, MergeStrategy> strategies) {
        List<String> names = strategies.entrySet().stream()
                .filter(entry -> entry.getValue() == MergeStrategy.MERGE_TO_INTERFACE_LEVEL)
                .map(entry -> mergedFileName.forInterface(entry.getKey()))
                .toList();
        return names.isEmpty() ? null : String.join(",", names);
    }

    private static Path pathOf(ReceiverBlock block) {
        return Path.of(block.getDir()).resolve(block.getFileName());
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
