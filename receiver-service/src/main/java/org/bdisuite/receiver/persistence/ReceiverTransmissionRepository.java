package org.bdisuite.receiver.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

@ApplicationScoped
public class ReceiverTransmissionRepository implements PanacheRepository<ReceiverTransmission> {

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
