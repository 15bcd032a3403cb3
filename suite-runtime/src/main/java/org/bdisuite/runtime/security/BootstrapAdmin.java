package org.bdisuite.runtime.security;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.Set;
import org.bdisuite.model.Roles;
import org.bdisuite.model.entity.SuiteUser;
import org.bdisuite.runtime.security.persistence.UserRepository;
import org.jboss.logging.Logger;

/**
 * Creates the first administrator when the users table is empty, from suite.bootstrap.admin-user and
 * suite.bootstrap.admin-password. The three services start at once against one database, so the check and
 * the insert run under a transaction-scoped advisory lock: exactly one of them creates the user.
 */
@Singleton
public class BootstrapAdmin {

    private static final Logger LOG = Logger.getLogger(BootstrapAdmin.class);

    private final SecurityConfig config;
    private final UserRepository users;

    public BootstrapAdmin(SecurityConfig config, UserRepository users) {
        this.config = config;
        this.users = users;
    }

    void onStart(@Observes StartupEvent start) {
        // Every start but the very first finds users, and then nothing is to be created (as the check under the
        // lock below would say): one plain read answers it, without the ORM session and transaction whose first
        // use would cost the start about 25 ms.
        if (users.anyUserExists()) {
            return;
        }
        QuarkusTransaction.requiringNew().run(this::createAdminIfNoUserExists);
    }

    /** @return whether a user was created */
    boolean createAdminIfNoUserExists() {
        users.lockBootstrap();
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
