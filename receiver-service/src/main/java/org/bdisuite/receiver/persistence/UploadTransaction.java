package org.bdisuite.receiver.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * A block upload's transaction: a plain JDBC transaction on one pooled connection, not a JTA one. The upload is the
 * receiver's hot path (one request per data block) and its transaction touches one database and nothing else, so the
 * transaction manager's work per upload (its begin, the connection's enlistment, its one-phase commit) bought
 * nothing; the statements and the commit are the same. Opened by {@link ReceiverBlockRepository#begin()}; the
 * statements of the owners of its tables ({@link ReceiverBlockRepository}, {@link ModuleUsageStore}) run on it.
 * Closing it without {@link #commit()} rolls back.
 */
public final class UploadTransaction implements AutoCloseable {

    private final Connection connection;
    private boolean ended;

    private UploadTransaction(Connection connection) {
        this.connection = connection;
    }

    static UploadTransaction begin(DataSource dataSource) {
        try {
            Connection connection = dataSource.getConnection();
            try {
                connection.setAutoCommit(false);
                return new UploadTransaction(connection);
            } catch (SQLException | RuntimeException e) {
                connection.close();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not begin the upload's transaction: " + e.getMessage(), e);
        }
    }

    Connection connection() {
        return connection;
    }

    /** Commits (PostgreSQL's WAL flush): what the upload wrote survives a power loss once this returns. */
    public void commit() {
        try {
            connection.commit();
            ended = true;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not commit the upload: " + e.getMessage(), e);
        }
    }

    /** Rolls back unless committed, and gives the connection back to the pool. */
    @Override
    public void close() {
        try (Connection pooled = connection) {
            if (!ended) {
                pooled.rollback();
            }
        } catch (SQLException e) {
            // The pool discards a connection whose rollback failed; the transaction ends with it.
            throw new IllegalStateException("Could not end the upload's transaction: " + e.getMessage(), e);
        }
    }
}
