package org.bdisuite.exporter.delivery.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

@ApplicationScoped
public class SftpDetailsRepository implements PanacheRepository<SftpDetails> {

    public Optional<SftpDetails> findByKey(String detailsKey) {
        return find("detailsKey", detailsKey).firstResultOptional();
    }
}
