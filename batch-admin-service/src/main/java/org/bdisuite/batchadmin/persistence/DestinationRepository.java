package org.bdisuite.batchadmin.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/** The owner of bdi_destination. */
@ApplicationScoped
public class DestinationRepository implements PanacheRepository<Destination> {

    public Optional<Destination> findByName(String name) {
        return find("name", name).firstResultOptional();
    }

    public List<Destination> listByName() {
        return listAll(Sort.by("name"));
    }
}
