package org.bdisuite.exporter.datasource.persistence;

import java.sql.SQLException;
import java.util.List;
import org.postgresql.core.NativeQuery;
import org.postgresql.core.Parser;
import org.postgresql.core.SqlCommandType;

/**
 * The first check of a SQL data source's text, before anything is sent: one statement that starts with SELECT or
 * WITH, by pgjdbc's own lexer (the one that splits what it sends), without its trailing semicolons. It decides
 * nothing about safety: the registered SELECT is then sent wrapped as a subquery, alone in one Parse message
 * ({@link ReadOnlyConnections#requireOneStatement}), as the role suite_export_reader in a read-only transaction.
 */
public final class SelectStatements {

    private SelectStatements() {}

    /** The statement without a trailing semicolon, or null when it is not a single SELECT / WITH statement. */
    public static String singleSelect(String sql) {
        if (sql == null || sql.isBlank()) {
            return null;
        }
        List<NativeQuery> statements;
        try {
            statements = Parser.parseJdbcSql(sql, true, false, true, false, false);
        } catch (SQLException e) {
            return null;
        }
        if (statements.size() != 1) {
            return null;
        }
        NativeQuery statement = statements.get(0);
        SqlCommandType type = statement.command.getType();
        return type == SqlCommandType.SELECT || type == SqlCommandType.WITH ? statement.nativeSql.strip() : null;
    }
}
