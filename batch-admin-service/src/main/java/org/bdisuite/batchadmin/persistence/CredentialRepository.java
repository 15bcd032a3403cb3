package org.bdisuite.batchadmin.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class CredentialRepository implements PanacheRepository<Credential> {

    public Optional<Credential> findByName(String name) {
        return find("name", name).firstResultOptional();
    }

    public List<Credential> listByName() {
        return listAll(Sort.by("name"));
    }
}
