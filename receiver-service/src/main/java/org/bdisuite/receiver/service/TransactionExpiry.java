package org.bdisuite.receiver.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bdisuite.receiver.persistence.ModuleUsageStore;
import org.bdisuite.receiver.persistence.ReceiverTransaction;
import org.bdisuite.receiver.persistence.ReceiverTransactionRepository;
import org.bdisuite.receiver.persistence.ReceiverTransmission;
import org.bdisuite.receiver.persistence.ReceiverTransmissionRepository;
import org.bdisuite.receiver.persistence.TransactionStatus;
import org.bdisuite.receiver.storage.FolderTrees;
import org.bdisuite.runtime.events.SuiteEventKind;
import org.bdisuite.runtime.persistence.SuiteEventStore;
import org.jboss.logging.Logger;

/**
 * Expires receiver transactions that were not ended in time: deletes their files, marks them, and their open
 * transmissions, EXPIRED, and frees their bytes in the module's open-data quota. Each transaction is expired in
 * its own database transaction that holds the transaction's and its transmissions' row locks while the files are
 * deleted: an upload or end waiting for those locks then sees EXPIRED and is refused, and a crash before the commit
 * leaves the transaction IN_PROGRESS for the next run, which finds less (or nothing) left to delete.
 */
@ApplicationScoped
public class TransactionExpiry {

    private static final Logger LOG = Logger.getLogger(TransactionExpiry.class);
    /** Transactions looked at per database round; a run continues until none is left. */
    private static final int BATCH = 100;

    private final ReceiverTransactionRepository transactions;
    private final ReceiverTransmissionRepository transmissions;
    private final ModuleUsageStore usage;
    private final OpenDataMetrics metrics;
    private final SuiteEventStore events;

    public TransactionExpiry(
            ReceiverTransactionRepository transactions,
            ReceiverTransmissionRepository transmissions,
            ModuleUsageStore usage,
            OpenDataMetrics metrics,
            SuiteEventStore events) {
        this.transactions = transactions;
        this.transmissions = transmissions;
        this.usage = usage;
        this.metrics = metrics;
        this.events = events;
    }

    /** Expires every transaction still in progress that began before {@code cutoff}; returns their ids. */
    public List<String> expireBegunBefore(OffsetDateTime cutoff) {
        List<String> expired = new ArrayList<>();
        long afterId = 0;
        while (true) {
            long after = afterId;
            List<Long> candidates = QuarkusTransaction.requiringNew()
                    .call(() -> transactions.inProgressBegunBefore(cutoff, after, BATCH));
            for (Long id : candidates) {
                expireOne(id, cutoff).ifPresent(expired::add);
            }
            if (candidates.size() < BATCH) {
                return expired;
            }
            afterId = candidates.get(candidates.size() - 1);
        }
    }

    private Optional<String> expireOne(long id, OffsetDateTime cutoff) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> expireLocked(id, cutoff));
        } catch (RuntimeException e) {
            // One transaction's files that cannot be deleted must not stop the others; it stays IN_PROGRESS and the
            // next run tries again.
            LOG.errorf(e, "Could not expire receiver transaction %d; it is retried on the next run", id);
            return Optional.empty();
        }
    }

    private Optional<String> expireLocked(long id, OffsetDateTime cutoff) throws IOException {
        ReceiverTransaction transaction = transactions.findById(id);
        // Re-read under FOR UPDATE: an end that won the race has completed it meanwhile.
        transactions.lockForUpdate(transaction);
        if (transaction.getStatus() != TransactionStatus.IN_PROGRESS
                || !transaction.getBeginTime().isBefore(cutoff)) {
            return Optional.empty();
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Set<Path> folders = new LinkedHashSet<>();
        folders.add(Path.of(transaction.getDir()));
        for (ReceiverTransmission transmission : transmissions.ofTransaction(transaction)) {
            // Same lock as uploads and endTransmission take, so none of them commits into a deleted folder.
            transmissions.lockForUpdate(transmission);
            if (transmission.getStatus() == TransactionStatus.IN_PROGRESS) {
                transmission.expire(now);
            }
            // An interface with its own BASE_FOLDER keeps its transmissions under another ${TxId} folder.
            folders.add(Path.of(transmission.getDir()).getParent());
        }
        transaction.expire(
                now,
                "Not ended in time: begun " + transaction.getBeginTime() + ", not ended before " + cutoff
                        + " (suite.receiver.expiry.after); expired at " + now + " and its received blocks deleted");
        transactions.flush();
        // The notification outbox, in this transaction: committed with the EXPIRED state, once per transaction.
        events.record(
                SuiteEventKind.RECEIVER_TRANSACTION_EXPIRED,
                transaction.getInterfaceModule(),
                "receiver-transaction:" + transaction.getTransactionId() + ":EXPIRED",
                Map.of(
                        "transactionId", transaction.getTransactionId(),
                        "interfaceModule", transaction.getInterfaceModule(),
                        "beginTime", transaction.getBeginTime().toString(),
                        "expiredAt", now.toString()));
        // Its files are deleted below: they no longer count against the module's open-data quota.
        metrics.held(transaction.getInterfaceModule(), usage.release(transaction.getInterfaceModule(), id));
        long files = 0;
        for (Path folder : folders) {
            files += FolderTrees.deleteTransactionFolder(folder, transaction.getTransactionId());
        }
        LOG.infof(
                "Expired receiver transaction %s (begun %s, not ended in time): %d files deleted",
                transaction.getTransactionId(), transaction.getBeginTime(), files);
        return Optional.of(transaction.getTransactionId());
    }
}
