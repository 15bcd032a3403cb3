package org.bdisuite.runtime.security;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * What authentication needs of a user (hash, enabled, roles), read on every request in one statement. Every API call
 * of every service passes here, so it is one round trip in autocommit rather than an ORM session, a transaction and a
 * second query for the role collection: on a busy machine each extra round trip is a wake-up of the database backend
 * that the request waits for.
 */
@ApplicationScoped
public class UserCredentials {

    /** A user as authentication sees it. */
    public record Credential(String username, String passwordHash, boolean enabled, Set<String> roles) {}

    private static final String SELECT = """
            SELECT u.username, u.password_hash, u.enabled,
                   ARRAY(SELECT r.role_name FROM suite_user_role r WHERE r.user_id = u.id) AS roles
            FROM suite_user u WHERE u.username = ?""";

    private final DataSource dataSource;

    public UserCredentials(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<Credential> find(String username) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(SELECT)) {
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

    private static Set<String> roles(Array array) throws SQLException {
        try {
            return Set.of((String[]) array.getArray());
        } finally {
            array.free();
        }
    }
}
