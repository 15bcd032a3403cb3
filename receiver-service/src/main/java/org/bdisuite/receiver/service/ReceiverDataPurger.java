package org.bdisuite.receiver.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.bdisuite.receiver.persistence.HandOverRepository;
import org.bdisuite.receiver.persistence.ReceiverTransactionRepository;
import org.bdisuite.receiver.persistence.ReceiverTransactionRepository.Finished;
import org.bdisuite.receiver.storage.FolderTrees;
import org.bdisuite.runtime.retention.PurgeBatches;
import org.bdisuite.runtime.retention.Purger;
import org.bdisuite.runtime.retention.Reclaimed;
import org.bdisuite.runtime.retention.RetentionConfig;

/**
 * RECEIVER_DATA: the folders and rows of receiver transactions that ended before the cutoff
 * (suite.retention.receiver-data) and whose data nobody needs any more: EXPIRED ones, and COMPLETED ones whose
 * handed-over data sets were all imported (or that handed over nothing). Data not yet imported, and transactions in
 * progress, are never touched. Each batch is one database transaction that holds the transactions' row locks while
 * their folders are deleted, as the expiry does: a crash before the commit leaves rows whose folders are partly
 * gone, which the next purge finishes.
 */
@ApplicationScoped
public class ReceiverDataPurger implements Purger {

    /** Transactions per database transaction. */
    private static final int BATCH = 100;

    private final ReceiverTransactionRepository transactions;
    private final HandOverRepository handOvers;
    private final RetentionConfig config;

    public ReceiverDataPurger(
            ReceiverTransactionRepository transactions, HandOverRepository handOvers, RetentionConfig config) {
        this.transactions = transactions;
        this.handOvers = handOvers;
        this.config = config;
    }

    @Override
    public String kind() {
        return "RECEIVER_DATA";
    }

    @Override
    public Duration retention() {
        return config.receiverData();
    }

    @Override
    public Reclaimed purge(OffsetDateTime cutoff, boolean dryRun) {
        return PurgeBatches.untilShort(
                BATCH, 0L, after -> QuarkusTransaction.requiringNew().call(() -> batch(cutoff, after, dryRun)));
    }

    private PurgeBatches.Batch<Long> batch(OffsetDateTime cutoff, long afterId, boolean dryRun) {
        List<Finished> found = transactions.finishedBefore(cutoff, afterId, BATCH, !dryRun);
        List<Long> ids = found.stream().map(Finished::id).toList();
        long rows = handOvers.rowsOf(ids);
        long bytes = 0;
        for (Finished transaction : found) {
            rows += transaction.rows();
            for (String folder : transaction.folders()) {
                bytes += folderBytes(folder, transaction.transactionId(), dryRun);
            }
        }
        if (!dryRun) {
            handOvers.deleteOf(ids);
            transactions.deleteWithTransmissions(ids);
        }
        return new PurgeBatches.Batch<>(ids, new Reclaimed(rows, bytes));
    }

    /** The folder's bytes, and unless a dry run the folder deleted (before the rows' commit). */
    private static long folderBytes(String folder, String transactionId, boolean dryRun) {
        try {
            long bytes = FolderTrees.sizeOfTransactionFolder(Path.of(folder), transactionId);
            if (!dryRun) {
                FolderTrees.deleteTransactionFolder(Path.of(folder), transactionId);
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not purge the folder of receiver transaction " + transactionId, e);
        }
    }
}
