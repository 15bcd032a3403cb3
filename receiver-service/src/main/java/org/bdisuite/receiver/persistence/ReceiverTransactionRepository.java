package org.bdisuite.receiver.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.bdisuite.runtime.error.ResourceNotFoundException;

@ApplicationScoped
public class ReceiverTransactionRepository implements PanacheRepository<ReceiverTransaction> {

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
}
