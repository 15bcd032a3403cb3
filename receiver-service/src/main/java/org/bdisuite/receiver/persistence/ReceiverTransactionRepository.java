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

    /** The newest {@code max} transactions in {@code status}, newest first (by begin time). */
    public List<ReceiverTransaction> newest(TransactionStatus status, int max) {
        return find("status", Sort.descending("beginTime"), status).page(0, max).list();
    }

    /** How many transactions are in {@code status}. */
    public long countIn(TransactionStatus status) {
        return count("status", status);
    }
}
