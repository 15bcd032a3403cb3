package org.bdisuite.batchadmin.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Plain JDBC on the default datasource for the notification tables' owners: each statement on a connection of
 * the caller's JTA transaction (the datasource enlists it), so callers decide the transaction.
 */
final class JdbcStatements {

    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rows) throws SQLException;
    }

    private final DataSource dataSource;
    private final String table;

    JdbcStatements(DataSource dataSource, String table) {
        this.dataSource = dataSource;
        this.table = table;
    }

    <T> List<T> query(String sql, RowMapper<T> mapper, Object... arguments) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = prepare(connection, sql, arguments);
                ResultSet rows = statement.executeQuery()) {
            List<T> result = new ArrayList<>();
            while (rows.next()) {
                result.add(mapper.map(rows));
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException("Reading " + table + " failed", e);
        }
    }

    int update(String sql, Object... arguments) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = prepare(connection, sql, arguments)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Writing " + table + " failed", e);
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... arguments)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < arguments.length; i++) {
                if (arguments[i] instanceof String[] texts) {
                    statement.setArray(i + 1, connection.createArrayOf("text", texts));
                } else {
                    statement.setObject(i + 1, arguments[i]);
                }
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    static List<String> texts(ResultSet rows, int column) throws SQLException {
        java.sql.Array array = rows.getArray(column);
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }
}
