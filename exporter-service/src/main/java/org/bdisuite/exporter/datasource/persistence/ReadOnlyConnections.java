package org.bdisuite.exporter.datasource.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.bdisuite.exporter.config.ExporterConfig;
import org.bdisuite.exporter.datasource.DataSourceException;
import org.bdisuite.exporter.datasource.QueryRole;
import org.jboss.logging.Logger;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.Parser;

/**
 * The connections every data-source query runs on: a read-only transaction with the statement timeout, as the
 * suite's user (built-in data sources) or as the role suite_export_reader from its own pool (SQL data sources).
 */
@ApplicationScoped
public class ReadOnlyConnections {

    /** The named datasource (Agroal pool) of the role suite_export_reader: quarkus.datasource.export-reader.*. */
    public static final String EXPORT_READER_POOL = "export-reader";

    private static final Logger LOG = Logger.getLogger(ReadOnlyConnections.class);

    /** The named datasource of streams to HTTP clients: quarkus.datasource.streams.*. */
    public static final String STREAMS_POOL = "streams";

    private final DataSource suite;
    private final DataSource streams;
    private final DataSource exportReader;
    private final ExporterConfig config;

    public ReadOnlyConnections(
            DataSource suite,
            @io.quarkus.agroal.DataSource(STREAMS_POOL) DataSource streams,
            @io.quarkus.agroal.DataSource(EXPORT_READER_POOL) DataSource exportReader,
            ExporterConfig config) {
        this.suite = suite;
        this.streams = streams;
        this.exportReader = exportReader;
        this.config = config;
    }

    /**
     * A connection of {@code role} in a new read-only transaction with the statement timeout; the caller commits.
     * Closing it without a commit rolls back. An export-reader connection that is not logged in as
     * suite_export_reader (a JDBC URL naming another user wins over the pool's user name) is refused, so that an
     * administrator's SQL never runs with the suite's rights.
     */
    public Connection open(QueryRole role) throws SQLException {
        Connection connection = switch (role) {
            case SUITE -> suite.getConnection();
            case SUITE_STREAM -> streams.getConnection();
            case EXPORT_READER -> exportReader.getConnection();
        };

        try {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            String user;
            try (Statement settings = connection.createStatement();
                    ResultSet row = settings.executeQuery("SELECT current_user, set_config('statement_timeout', '"
                            + config.statementTimeout().toMillis() + "', true)")) {
                row.next();
                user = row.getString(1);
            }
            if (role == QueryRole.EXPORT_READER && !ExportReaderRole.NAME.equals(user)) {
                LOG.errorf(
                        "The export-reader pool is logged in as %s, not as %s: SQL data sources are refused"
                                + " (check quarkus.datasource.export-reader.*; a user= in the JDBC URL wins)",
                        user, ExportReaderRole.NAME);
                throw new DataSourceException("SQL data sources are not available: their database connections are"
                        + " not logged in as " + ExportReaderRole.NAME + " (see the service log)");
            }
            return role == QueryRole.EXPORT_READER ? releasingSessionLocks(connection) : connection;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /**
     * The connection, whose close first ends its transaction and releases every session-level advisory lock. An
     * administrator's SELECT may call pg_advisory_lock(...): such a lock outlives the transaction and would stay
     * with the pooled session, where it could block whoever takes the same key (Flyway's migration lock, say).
     */
    private static Connection releasingSessionLocks(Connection connection) {
        return (Connection) Proxy.newProxyInstance(
                Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, arguments) -> {
                    if ("close".equals(method.getName()) && method.getParameterCount() == 0 && !connection.isClosed()) {
                        releaseSessionLocks(connection);
                    }
                    try {
                        return method.invoke(connection, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static void releaseSessionLocks(Connection connection) {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback(); // what closing does anyway; an aborted transaction would refuse the unlock
            }
            try (Statement unlock = connection.createStatement()) {
                unlock.execute("SELECT pg_advisory_unlock_all()");
            }
        } catch (SQLException e) {
            LOG.warnf(
                    "Could not release the advisory locks of an export-reader session (%s): closing it instead",
                    e.getSQLState());
            abort(connection);
        }
    }

    /** Ends the physical session (and with it its locks) instead of returning it to the pool. */
    private static void abort(Connection connection) {
        try {
            connection.abort(Runnable::run);
        } catch (SQLException e) {
            LOG.debug("Aborting an export-reader session failed", e);
        }
    }

    /**
     * Refuses a text that pgjdbc would send as more than one statement. In the extended query mode (the pools'
     * default; the export-reader pool sets it) pgjdbc splits a text at each ';' outside literals, comments and
     * parentheses itself and sends each part as a statement of its own, so this asks its own lexer, with the
     * session's string syntax, exactly what it would send. A text it sends whole goes in one Parse message, and
     * PostgreSQL refuses a Parse message of more than one command.
     */
    public static void requireOneStatement(Connection connection, String sql) throws SQLException {
        boolean standardStrings = connection.unwrap(BaseConnection.class).getStandardConformingStrings();
        if (Parser.parseJdbcSql(sql, standardStrings, true, true, false, false).size() != 1) {
            throw new DataSourceException(
                    "A data source is exactly one SELECT statement: its SQL would be sent as" + " several statements");
        }
    }

    /** The failure of a query of this service, in the user's terms. */
    public DataSourceException failure(SQLException e) {
        return QueryFailures.of(e, config.statementTimeout());
    }
}
