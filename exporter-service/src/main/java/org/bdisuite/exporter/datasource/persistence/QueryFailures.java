package org.bdisuite.exporter.datasource.persistence;

import java.sql.SQLException;
import java.time.Duration;
import org.bdisuite.exporter.datasource.DataSourceException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * A data source query's failure in the user's terms, by its SQLSTATE: PostgreSQL's primary message only (no driver
 * text, position, detail, query or class name).
 */
final class QueryFailures {

    private QueryFailures() {}

    /** The failure of a query that ran with {@code timeout} as its statement timeout, by its SQLSTATE. */
    static DataSourceException of(SQLException failure, Duration timeout) {
        return new DataSourceException(describe(failure, timeout), failure);
    }

    private static String describe(SQLException failure, Duration timeout) {
        String state = failure.getSQLState() == null ? "" : failure.getSQLState();
        String server = serverMessage(failure);
        if (state.equals("57014")) {
            return "The data source query ran longer than the statement timeout ("
                    + timeout.toString().substring(2).toLowerCase(java.util.Locale.ROOT) + ") and was cancelled";
        }
        if (server == null
                || state.startsWith("08")
                || state.startsWith("28")
                || state.startsWith("53")
                || state.startsWith("57")) {
            return "The data source query failed: the database did not run it (SQLSTATE "
                    + (state.isEmpty() ? "unknown" : state) + ")";
        }
        if (state.equals("42501")) {
            return "The data source query may only read from views granted to it (schema export_views): " + server;
        }
        if (state.equals("25006")) {
            return "A data source may only read: " + server;
        }
        if (state.startsWith("42")) {
            return "PostgreSQL refused the data source query: " + server;
        }
        if (state.startsWith("22")) {
            return "A value of the data source query could not be computed: " + server;
        }
        return "The data source query failed: " + server + " (SQLSTATE " + state + ")";
    }

    /** PostgreSQL's primary message (no position, detail, context or query), or null when the server sent none. */
    private static String serverMessage(SQLException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PSQLException psql) {
                ServerErrorMessage server = psql.getServerErrorMessage();
                if (server != null && server.getMessage() != null) {
                    return server.getMessage().replace('\n', ' ').replace('\r', ' ');
                }
            }
        }
        return null;
    }
}
