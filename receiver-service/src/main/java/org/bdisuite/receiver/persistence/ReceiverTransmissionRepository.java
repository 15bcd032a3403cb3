package org.bdisuite.receiver.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;

/** bdi_receiver_transmission: all its queries. */
@ApplicationScoped
public class ReceiverTransmissionRepository implements PanacheRepository<ReceiverTransmission> {

    /** Re-reads the transmission under its row lock (FOR UPDATE), the lock block uploads and ends take too. */
    public void lockForUpdate(ReceiverTransmission transmission) {
        getEntityManager().refresh(transmission, LockModeType.PESSIMISTIC_WRITE);
    }

    /** The transaction's transmissions by interface, then partition begin sequence number, then id. */
    public List<ReceiverTransmission> ofTransaction(ReceiverTransaction transaction) {
        return list(
                "transaction",
                Sort.by("interfaceShortName")
                        .and("partitionBeginSequenceNumber")
                        .and("id"),
                transaction);
    }

    /** By the names endTransmission uses, which the schema makes unique. */
    public Optional<ReceiverTransmission> findByName(
            String sourceSystemName, String interfaceModule, String interfaceShortName, String transmissionId) {
        return find(
                        "sourceSystemName = ?1 and interfaceModule = ?2 and interfaceShortName = ?3 and transmissionId = ?4",
                        sourceSystemName,
                        interfaceModule,
                        interfaceShortName,
                        transmissionId)
                .firstResultOptional();
    }

    /** The transmission that owns the folder ${TxId}/${TId} of this transaction, whatever its interface. */
    public Optional<ReceiverTransmission> findInTransaction(ReceiverTransaction transaction, String transmissionId) {
        return find("transaction = ?1 and transmissionId = ?2", transaction, transmissionId)
                .firstResultOptional();
    }
}
