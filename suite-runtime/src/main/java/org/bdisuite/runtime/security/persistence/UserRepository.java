package org.bdisuite.runtime.security.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.bdisuite.model.Roles;
import org.bdisuite.model.entity.SuiteUser;

/**
 * The users table (suite_user with suite_user_role), shared by all services: every statement on it. Authentication
 * reads it on every request in one statement ({@link #credentials}); administration and the bootstrap admin change
 * it through the entity, under advisory locks that every replica of every service shares.
 */
@ApplicationScoped
public class UserRepository implements PanacheRepository<SuiteUser> {

    /** A user as authentication sees it. */
    public record Credential(String username, String passwordHash, boolean enabled, Set<String> roles) {}

    /**
     * Every API call of every service passes here, so it is one round trip in autocommit rather than an ORM session,
     * a transaction and a second query for the role collection: on a busy machine each extra round trip is a wake-up
     * of the database backend that the request waits for.
     */
    private static final String CREDENTIAL = """
            SELECT u.username, u.password_hash, u.enabled,
                   ARRAY(SELECT r.role_name FROM suite_user_role r WHERE r.user_id = u.id) AS roles
            FROM suite_user u WHERE u.username = ?""";

    /** Serializes the bootstrap admin's "no user yet?" check across replicas and services. */
    private static final long BOOTSTRAP_LOCK = 0x5B1_0000_0001L;
    /** Serializes changes to administrators across replicas and services. */
    private static final long ADMIN_CHANGE_LOCK = 0x5B1_0000_0002L;

    private final DataSource dataSource;

    public UserRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<SuiteUser> findByUsername(String username) {
        return find("username", username).firstResultOptional();
    }

    /** Hash, enabled flag and roles of a user, read in autocommit (no ORM session). */
    public Optional<Credential> credentials(String username) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(CREDENTIAL)) {
            select.setString(1, username);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(
                        new Credential(row.getString(1), row.getString(2), row.getBoolean(3), roles(row.getArray(4))));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read user " + username + " from suite_user", e);
        }
    }

    /** Whether the users table has any row: one autocommit statement, no ORM session or transaction. */
    public boolean anyUserExists() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT EXISTS (SELECT 1 FROM suite_user)");
                ResultSet row = select.executeQuery()) {
            return row.next() && row.getBoolean(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read suite_user", e);
        }
    }

    /** How many enabled administrators there are besides this user. */
    public long otherEnabledAdmins(SuiteUser user) {
        return count("enabled = true and ?1 member of roles and id <> ?2", Roles.ADMIN, user.getId());
    }

    /** Holds, until the caller's transaction ends, the lock of changes that could remove the last administrator. */
    public void lockAdminChanges() {
        advisoryLock(ADMIN_CHANGE_LOCK);
    }

    /** Holds, until the caller's transaction ends, the lock of the bootstrap admin's creation. */
    public void lockBootstrap() {
        advisoryLock(BOOTSTRAP_LOCK);
    }

    private void advisoryLock(long key) {
        getEntityManager()
                .createNativeQuery("SELECT pg_advisory_xact_lock(" + key + ")")
                .getSingleResult();
    }

    private static Set<String> roles(Array array) throws SQLException {
        try {
            return Set.of((String[]) array.getArray());
        } finally {
            array.free();
        }
    }
}
