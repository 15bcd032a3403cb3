package org.bdisuite.runtime.security;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.bdisuite.model.entity.SuiteUser;

/** The users table, shared by all services. */
@ApplicationScoped
public class UserRepository implements PanacheRepository<SuiteUser> {

    public Optional<SuiteUser> findByUsername(String username) {
        return find("username", username).firstResultOptional();
    }
}
