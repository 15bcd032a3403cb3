package org.bdisuite.batchadmin.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import org.bdisuite.model.entity.SystemOption;

@ApplicationScoped
public class SystemOptionRepository implements PanacheRepository<SystemOption> {

    public Optional<SystemOption> findByName(String name) {
        return find("name", name).firstResultOptional();
    }

    public List<SystemOption> listByName() {
        return listAll(Sort.by("name"));
    }

    /**
     * The option, read under its row lock (FOR UPDATE) until the transaction ends: replicas that start together
     * and each look at LOADSEEDDATA take turns, and each sees the value the one before it committed.
     */
    public Optional<SystemOption> lockByName(String name) {
        return find("name", name)
                .withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
    }
}
