package org.bdisuite.exporter.datasource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A built-in data source over one table or join: a fixed select list (whose labels are the header row), optional
 * equality filters named by parameters, and a stable order so that exports are reproducible.
 */
abstract class TableDataSource implements ExportDataSource {

    private final String name;
    private final String description;
    private final List<String> headerRow;
    private final String selectFrom;
    private final Map<String, String> filterColumns;
    private final String orderBy;

    TableDataSource(
            String name,
            String description,
            List<String> headerRow,
            String selectFrom,
            Map<String, String> filterColumns,
            String orderBy) {
        this.name = name;
        this.description = description;
        this.headerRow = List.copyOf(headerRow);
        this.selectFrom = selectFrom;
        this.filterColumns = new LinkedHashMap<>(filterColumns);
        this.orderBy = orderBy;
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
        return List.copyOf(filterColumns.keySet());
    }

    @Override
    public SqlQuery query(Map<String, String> parameters) {
        StringBuilder sql = new StringBuilder(selectFrom);
        List<Object> arguments = new ArrayList<>();
        String glue = " WHERE ";
        for (Map.Entry<String, String> filter : filterColumns.entrySet()) {
            String value = parameters == null ? null : parameters.get(filter.getKey());
            if (value != null) {
                sql.append(glue).append(filter.getValue()).append(" = ?");
                arguments.add(value);
                glue = " AND ";
            }
        }
        sql.append(" ORDER BY ").append(orderBy);
        return new SqlQuery(sql.toString(), arguments);
    }
}
