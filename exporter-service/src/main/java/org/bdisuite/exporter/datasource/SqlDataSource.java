package org.bdisuite.exporter.datasource;

import java.util.List;
import java.util.Map;
import org.bdisuite.exporter.datasource.persistence.SqlDataSourceDefinition;

/**
 * A SELECT whose rows are exported by PostgreSQL's COPY: a registered one (written by an administrator, it runs as
 * the role suite_export_reader, which reads only what was granted to it) or one of this code base's (the services
 * file export, as the suite's user). It runs as a subquery, which PostgreSQL only accepts for a single query
 * expression (no data-modifying WITH, no SELECT INTO), sent as one statement (ReadOnlyConnections) in a read-only
 * transaction with the statement timeout.
 */
public final class SqlDataSource implements ExportDataSource {

    private final String name;
    private final String description;
    private final String sql;
    private final List<String> headerRow;
    private final List<CopyColumn> columns;
    private final QueryRole role;

    /** A registered SQL data source. */
    public SqlDataSource(SqlDataSourceDefinition definition) {
        this(definition.getName(), definition.getDescription(), definition.getSql(), definition.getHeaderRow());
    }

    /** An administrator's SELECT: it runs as suite_export_reader, its columns read from the query's metadata. */
    public SqlDataSource(String name, String description, String sql, List<String> headerRow) {
        this(name, description, sql, headerRow, null, QueryRole.EXPORT_READER);
    }

    private SqlDataSource(
            String name,
            String description,
            String sql,
            List<String> headerRow,
            List<CopyColumn> columns,
            QueryRole role) {
        this.name = name;
        this.description = description;
        this.sql = sql;
        this.headerRow = List.copyOf(headerRow);
        this.columns = columns == null ? null : List.copyOf(columns);
        this.role = role;
    }

    /**
     * A SELECT of this code base over the suite's tables, run as the suite's user, whose columns (one per
     * select-list entry, in order) are declared.
     */
    public static SqlDataSource builtIn(
            String name, String description, String sql, List<String> headerRow, List<CopyColumn> columns) {
        return new SqlDataSource(name, description, sql, headerRow, columns, QueryRole.SUITE);
    }

    /** Whose rights its query runs with. */
    public QueryRole role() {
        return role;
    }

    /** The statement an export runs: the SELECT as a subquery (a newline ends a trailing line comment). */
    public static String wrapped(String select) {
        return "SELECT * FROM (" + select + "\n) AS registered_select";
    }

    /** The declared columns, or null when the export reads them from the query's metadata. */
    public List<CopyColumn> columns() {
        return columns;
    }

    /** The registered SELECT itself. */
    public String select() {
        return sql;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public List<String> headerRow() {
        return headerRow;
    }

    @Override
    public List<String> parameterNames() {
        return List.of();
    }

    @Override
    public SqlQuery query(Map<String, String> parameters) {
        return new SqlQuery(wrapped(sql), List.of(), role);
    }
}
