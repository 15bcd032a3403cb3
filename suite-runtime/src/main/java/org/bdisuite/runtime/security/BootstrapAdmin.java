package org.bdisuite.runtime.security;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import java.util.Optional;
import java.util.Set;
import org.bdisuite.model.Roles;
import org.bdisuite.model.entity.SuiteUser;
import org.jboss.logging.Logger;

/**
 * Creates the first administrator when the users table is empty, from suite.bootstrap.admin-user and
 * suite.bootstrap.admin-password. The three services start at once against one database, so the check and
 * the insert run under a transaction-scoped advisory lock: exactly one of them creates the user.
 */
@Singleton
public class BootstrapAdmin {

    private static final Logger LOG = Logger.getLogger(BootstrapAdmin.class);
    /** Any constant works; it only has to be the same in every service. */
    private static final long LOCK_KEY = 0x5B1_0000_0001L;

    private final SecurityConfig config;
    private final UserRepository users;
    private final EntityManager entityManager;

    public BootstrapAdmin(SecurityConfig config, UserRepository users, EntityManager entityManager) {
        this.config = config;
        this.users = users;
        this.entityManager = entityManager;
    }

    void onStart(@Observes StartupEvent start) {
        QuarkusTransaction.requiringNew().run(this::createAdminIfNoUserExists);
    }

    /** @return whether a user was created */
    boolean createAdminIfNoUserExists() {
        entityManager
                .createNativeQuery("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")")
                .getSingleResult();
        if (users.count() > 0) {
            return false;
        }
        String username = config.bootstrap().adminUser();
        Optional<String> password = config.bootstrap().adminPassword().filter(p -> !p.isBlank());
        if (password.isEmpty()) {
            LOG.warn("No user exists and suite.bootstrap.admin-password is not set: every API call is refused "
                    + "until an administrator is created (set SUITE_BOOTSTRAP_ADMIN_PASSWORD and restart).");
            return false;
        }
        PasswordPolicy.violation(password.get()).ifPresent(why -> {
            throw new IllegalStateException("suite.bootstrap.admin-password " + why);
        });
        SuiteUser admin = new SuiteUser();
        admin.setUsername(username);
        admin.setPasswordHash(PasswordPolicy.hash(password.get()));
        admin.setRoles(Set.of(Roles.ADMIN));
        users.persist(admin);
        LOG.infof("Created the bootstrap administrator '%s' (role %s)", username, Roles.ADMIN);
        return true;
    }
}
