package org.bdisuite.runtime.persistence;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The session-level advisory lock that lets one replica of a service purge at a time. A purge runs in many short
 * transactions, so the lock is held on a connection of its own for the whole run; if the replica dies, PostgreSQL
 * ends the session and the lock with it.
 */
@ApplicationScoped
public class PurgeLock {

    private final AgroalDataSource dataSource;

    public PurgeLock(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The held lock of {@code service}'s purge, or empty at once when another replica holds it. */
    public Optional<Held> tryAcquire(String service) {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            try (PreparedStatement lock =
                    connection.prepareStatement("SELECT pg_try_advisory_lock(hashtextextended(?, 0))")) {
                lock.setString(1, key(service));
                try (ResultSet rows = lock.executeQuery()) {
                    rows.next();
                    if (rows.getBoolean(1)) {
                        return Optional.of(new Held(connection, key(service)));
                    }
                }
            }
            connection.close();
            return Optional.empty();
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new IllegalStateException("Taking the purge lock failed", e);
        }
    }

    private static String key(String service) {
        return "bdi-retention-purge:" + service;
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // The pool discards a broken connection; the session, and any lock of it, ends.
            }
        }
    }

    /** A held purge lock; closing it releases the lock and returns the connection. */
    public static final class Held implements AutoCloseable {

        private final Connection connection;
        private final String key;

        private Held(Connection connection, String key) {
            this.connection = connection;
            this.key = key;
        }

        @Override
        public void close() {
            try (PreparedStatement unlock =
                    connection.prepareStatement("SELECT pg_advisory_unlock(hashtextextended(?, 0))")) {
                unlock.setString(1, key);
                unlock.execute();
            } catch (SQLException e) {
                // Closing the connection below ends the session only if the pool drops it; say so in the log.
                org.jboss.logging.Logger.getLogger(PurgeLock.class)
                        .warnf("Releasing the purge lock %s failed: %s", key, e.getSQLState());
            } finally {
                closeQuietly(connection);
            }
        }
    }
}
