package org.bdisuite.exporter.delivery.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class SftpDetailsRepository implements PanacheRepository<SftpDetails> {

    public Optional<SftpDetails> findByKey(String detailsKey) {
        return find("detailsKey", detailsKey).firstResultOptional();
    }

    /** All of them, ordered by detailsKey. */
    public List<SftpDetails> allByKey() {
        return listAll(Sort.ascending("detailsKey"));
    }

    /** Whether details are stored under this key (a schedule may only name known ones). */
    public boolean exists(String detailsKey) {
        return count("detailsKey", detailsKey) > 0;
    }
}
