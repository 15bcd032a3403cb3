package org.bdisuite.receiver.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class ReceiverBlockRepository implements PanacheRepository<ReceiverBlock> {

    /** The transmission's blocks by block number. */
    public List<ReceiverBlock> ofTransmission(ReceiverTransmission transmission) {
        return list("transmission", Sort.by("blockNumber"), transmission);
    }

    /** How many blocks a transmission holds, and the lowest and highest block number (null when none). */
    public record Received(long count, Integer lowest, Integer highest) {}

    public Received receivedIn(ReceiverTransmission transmission) {
        Object[] row = getEntityManager()
                .createQuery(
                        "select count(b), min(b.blockNumber), max(b.blockNumber)"
                                + " from ReceiverBlock b where b.transmission = ?1",
                        Object[].class)
                .setParameter(1, transmission)
                .getSingleResult();
        return new Received((Long) row[0], (Integer) row[1], (Integer) row[2]);
    }
}
