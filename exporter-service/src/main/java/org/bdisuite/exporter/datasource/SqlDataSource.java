package org.bdisuite.exporter.datasource;

import java.util.List;
import java.util.Map;
import org.bdisuite.exporter.persistence.SqlDataSourceDefinition;

/**
 * A registered SELECT. It runs as a subquery, which PostgreSQL only accepts for a single query expression (no
 * second statement, no data-modifying WITH, no SELECT INTO); RowStreamer adds the read-only transaction and the
 * statement timeout.
 */
public final class SqlDataSource implements ExportDataSource {

    private final String name;
    private final String description;
    private final String sql;
    private final List<String> headerRow;
    private final List<CopyColumn> columns;

    public SqlDataSource(SqlDataSourceDefinition definition) {
        this(definition.getName(), definition.getDescription(), definition.getSql(), definition.getHeaderRow());
    }

    public SqlDataSource(String name, String description, String sql, List<String> headerRow) {
        this(name, description, sql, headerRow, null);
    }

    /** A SELECT whose columns (one per select-list entry, in order) are declared by the caller, or null. */
    public SqlDataSource(String name, String description, String sql, List<String> headerRow,
                         List<CopyColumn> columns) {
        this.name = name;
        this.description = description;
        this.sql = sql;
        this.headerRow = List.copyOf(headerRow);
        this.columns = columns == null ? null : List.copyOf(columns);
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
        return new SqlQuery(wrapped(sql), List.of());
    }
}
