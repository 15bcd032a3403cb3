package org.bdisuite.runtime.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * A session-level PostgreSQL advisory lock held on a connection of its own. Work that runs in many transactions (a
 * purge) or in transactions this code does not own (Quartz making its scheduler) is serialised across replicas by
 * it; if the holder dies, PostgreSQL ends the session and the lock with it. Closing releases the lock and returns
 * the connection.
 */
public final class AdvisoryLock implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(AdvisoryLock.class);

    private final Connection connection;
    private final String key;

    private AdvisoryLock(Connection connection, String key) {
        this.connection = connection;
        this.key = key;
    }

    /** The lock {@code key}, or empty at once when another session holds it. */
    public static Optional<AdvisoryLock> tryTake(DataSource dataSource, String key) {
        Connection connection = open(dataSource);
        try (PreparedStatement lock =
                connection.prepareStatement("SELECT pg_try_advisory_lock(hashtextextended(?, 0))")) {
            lock.setString(1, key);
            try (ResultSet rows = lock.executeQuery()) {
                rows.next();
                if (rows.getBoolean(1)) {
                    return Optional.of(new AdvisoryLock(connection, key));
                }
            }
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new IllegalStateException("Taking the advisory lock " + key + " failed", e);
        }
        closeQuietly(connection);
        return Optional.empty();
    }

    /** The lock {@code key}, waiting while another session holds it; fails when that takes longer than {@code wait}. */
    public static AdvisoryLock take(DataSource dataSource, String key, Duration wait) {
        Connection connection = open(dataSource);
        try (Statement timeout = connection.createStatement();
                PreparedStatement lock =
                        connection.prepareStatement("SELECT pg_advisory_lock(hashtextextended(?, 0))")) {
            // lock_timeout bounds an advisory lock's wait too. SET LOCAL ends with this transaction, so the pooled
            // session keeps no trace of it; the session-level lock itself outlives the commit.
            connection.setAutoCommit(false);
            timeout.execute("SET LOCAL lock_timeout = " + Math.max(1, wait.toMillis()));
            lock.setString(1, key);
            lock.execute();
            connection.commit();
            connection.setAutoCommit(true);
            return new AdvisoryLock(connection, key);
        } catch (SQLException e) {
            rollbackQuietly(connection);
            closeQuietly(connection);
            throw new IllegalStateException(
                    "Taking the advisory lock " + key + " failed (waited up to " + wait + ")", e);
        }
    }

    private static Connection open(DataSource dataSource) {
        try {
            Connection connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            return connection;
        } catch (SQLException e) {
            throw new IllegalStateException("No connection for an advisory lock", e);
        }
    }

    @Override
    public void close() {
        try (PreparedStatement unlock =
                connection.prepareStatement("SELECT pg_advisory_unlock(hashtextextended(?, 0))")) {
            unlock.setString(1, key);
            unlock.execute();
        } catch (SQLException e) {
            // Closing the connection below ends the session only if the pool drops it; say so in the log.
            LOG.warnf("Releasing the advisory lock %s failed: %s", key, e.getSQLState());
        } finally {
            closeQuietly(connection);
        }
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // Closing the connection next ends or resets the session either way.
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // The pool discards a broken connection; the session, and any lock of it, ends.
        }
    }
}
