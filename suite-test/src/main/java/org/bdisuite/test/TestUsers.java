package org.bdisuite.test;

import io.quarkus.elytron.security.common.BcryptUtil;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Users for tests, written straight into the users table as an administrator would. Hashes use bcrypt cost 4
 * so that tests stay fast; the services verify any cost.
 */
public final class TestUsers {

    private TestUsers() {}

    /** A user's basic-auth credentials. */
    public record TestUser(String username, String password) {}

    /** Creates the user with these roles unless it exists; the password is derived from the name. */
    public static TestUser create(DataSource dataSource, String username, String... roles) {
        TestUser user = new TestUser(username, username + "-password");
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO suite_user (username, password_hash) VALUES (?, ?) ON CONFLICT (username) DO NOTHING")) {
                insert.setString(1, username);
                insert.setString(2, BcryptUtil.bcryptHash(user.password(), 4));
                insert.executeUpdate();
            }
            for (String role : roles) {
                try (PreparedStatement grant = connection.prepareStatement(
                        "INSERT INTO suite_user_role (user_id, role_name) SELECT id, ? FROM suite_user WHERE username = ?"
                                + " ON CONFLICT DO NOTHING")) {
                    grant.setString(1, role);
                    grant.setString(2, username);
                    grant.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create test user " + username, e);
        }
        return user;
    }
}
