package org.bdisuite.receiver.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

@ApplicationScoped
public class ReceiverBlockRepository implements PanacheRepository<ReceiverBlock> {

    public Optional<ReceiverBlock> findByNumber(ReceiverTransmission transmission, int blockNumber) {
        return find("transmission = ?1 and blockNumber = ?2", transmission, blockNumber).firstResultOptional();
    }
}
