package org.bdisuite.test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Plain JDBC for tests that assert on rows: what the first column of a query holds, or a statement to run. */
public final class Sql {

    private Sql() {}

    /** The first column of every row, as text. */
    public static List<String> column(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }

    /** The first column of the one row the query returns; fails when it returns another number of rows. */
    public static String single(Connection connection, String sql) throws SQLException {
        List<String> values = column(connection, sql);
        if (values.size() != 1) {
            throw new AssertionError("Expected one row from [" + sql + "] but got " + values.size());
        }
        return values.get(0);
    }

    public static List<String> column(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return column(connection, sql);
        }
    }

    public static String single(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return single(connection, sql);
        }
    }

    public static long singleLong(DataSource dataSource, String sql) throws SQLException {
        return Long.parseLong(single(dataSource, sql));
    }

    public static void execute(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
