package org.bdisuite.receiver.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.bdisuite.runtime.error.ResourceNotFoundException;

/** bdi_receiver_transaction: all its queries. */
@ApplicationScoped
public class ReceiverTransactionRepository implements PanacheRepository<ReceiverTransaction> {

    /** Re-reads the transaction under its row lock (FOR UPDATE), held until the caller's transaction ends. */
    public void lockForUpdate(ReceiverTransaction transaction) {
        getEntityManager().refresh(transaction, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * Up to {@code limit} ids of transactions still IN_PROGRESS that began before {@code cutoff}, above {@code afterId},
     * in id order (the partial index on begin time WHERE status = 'IN_PROGRESS' serves this).
     */
    public List<Long> inProgressBegunBefore(OffsetDateTime cutoff, long afterId, int limit) {
        return getEntityManager()
                .createQuery(
                        "select t.id from ReceiverTransaction t where t.status = :status"
                                + " and t.beginTime < :cutoff and t.id > :after order by t.id",
                        Long.class)
                .setParameter("status", TransactionStatus.IN_PROGRESS)
                .setParameter("cutoff", cutoff)
                .setParameter("after", afterId)
                .setMaxResults(limit)
                .getResultList();
    }

    public Optional<ReceiverTransaction> findByTransactionId(String transactionId) {
        return find("transactionId", transactionId).firstResultOptional();
    }

    /** The transaction with this id of this interface module and source system; a 404 otherwise. */
    public ReceiverTransaction getOf(String transactionId, String interfaceModule, String sourceSystemName) {
        return findByTransactionId(transactionId)
                .filter(t -> t.getInterfaceModule().equals(interfaceModule)
                        && t.getSourceSystemName().equals(sourceSystemName))
                .orElseThrow(() -> new ResourceNotFoundException("No receiver transaction " + transactionId + " of "
                        + interfaceModule + " from " + sourceSystemName));
    }

    /** A receiver transaction whose data may be purged: its id, folders and rows. */
    public record Finished(long id, String transactionId, List<String> folders, long rows) {}

    /**
     * Up to {@code limit} transactions above {@code afterId}, in id order, that ended before {@code cutoff} and
     * whose data may go: EXPIRED ones, and COMPLETED ones that handed over nothing or only data sets that were
     * consumed ({@link HandOverRepository#NOTHING_UNCONSUMED}). IN_PROGRESS ones never. With {@code lock} they are
     * locked (FOR UPDATE; ones another purge holds are skipped). Each comes with its folders (the transaction's and
     * those of transmissions under another BASE_FOLDER) and its rows: the transaction, its transmissions, blocks
     * and hand-over rows.
     */
    public List<Finished> finishedBefore(OffsetDateTime cutoff, long afterId, int limit, boolean lock) {
        List<?> rows = getEntityManager()
                .createNativeQuery("SELECT t.receiver_transaction_id, t.transaction_id, t.dir,"
                        + " (SELECT string_agg(DISTINCT m.dir, E'\\n') FROM bdi_receiver_transmission m"
                        + "       WHERE m.receiver_transaction_id = t.receiver_transaction_id),"
                        + " 1 + (SELECT count(*) FROM bdi_receiver_transmission m"
                        + "      WHERE m.receiver_transaction_id = t.receiver_transaction_id)"
                        + " + (SELECT count(*) FROM receiver_transmission_block b JOIN bdi_receiver_transmission m"
                        + "    ON m.receiver_transmission_id = b.receiver_transmission_id"
                        + "    WHERE m.receiver_transaction_id = t.receiver_transaction_id)"
                        + " FROM bdi_receiver_transaction t"
                        + " WHERE t.receiver_transaction_id > :after AND t.receiver_transaction_end_time < :cutoff"
                        + " AND (t.receiver_transaction_status = 'EXPIRED' OR (t.receiver_transaction_status ="
                        + " 'COMPLETED' AND " + HandOverRepository.NOTHING_UNCONSUMED + "))"
                        + " ORDER BY t.receiver_transaction_id LIMIT :limit"
                        + (lock ? " FOR UPDATE OF t SKIP LOCKED" : ""))
                .setParameter("after", afterId)
                .setParameter("cutoff", cutoff)
                .setParameter("limit", limit)
                .getResultList();
        return rows.stream()
                .map(row -> (Object[]) row)
                .map(row -> new Finished(
                        ((Number) row[0]).longValue(),
                        (String) row[1],
                        folders((String) row[2], (String) row[3]),
                        ((Number) row[4]).longValue()))
                .toList();
    }

    /** Transmission folders are ${base}/bdi-data/${TxId}/${TId}: their transaction folder is the parent. */
    private static List<String> folders(String transactionDir, String transmissionDirs) {
        java.util.LinkedHashSet<String> folders = new java.util.LinkedHashSet<>();
        folders.add(transactionDir);
        for (String dir : transmissionDirs == null ? new String[0] : transmissionDirs.split("\n")) {
            java.nio.file.Path parent = java.nio.file.Path.of(dir).getParent();
            if (parent != null) {
                folders.add(parent.toString());
            }
        }
        return List.copyOf(folders);
    }

    /** Deletes these transactions with their transmissions and blocks (ON DELETE CASCADE of V5). */
    public void deleteWithTransmissions(List<Long> ids) {
        if (!ids.isEmpty()) {
            getEntityManager()
                    .createNativeQuery("DELETE FROM bdi_receiver_transaction"
                            + " WHERE receiver_transaction_id = ANY (CAST(:ids AS bigint[]))")
                    .setParameter("ids", HandOverRepository.ids(ids))
                    .executeUpdate();
        }
    }

    /** The newest {@code max} transactions in {@code status}, newest first (by begin time). */
    public List<ReceiverTransaction> newest(TransactionStatus status, int max) {
        return find("status", Sort.descending("beginTime"), status).page(0, max).list();
    }

    /** How many transactions are in {@code status}. */
    public long countIn(TransactionStatus status) {
        return count("status", status);
    }
}
