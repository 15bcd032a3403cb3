package org.bdisuite.exporter.datasource;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bdisuite.exporter.api.FileType;

/**
 * A data source of the dataSources namespace: the rows an export writes, as the GOSS Data Exporter's {headerRow, data}. Every
 * data source is a query, so that rows stream from a database cursor into the file generator.
 */
public interface ExportDataSource {

    /** The namespace every data source lives in (the GOSS Data Exporter's goss.DataExporter.dataSources). */
    String NAMESPACE = "dataSources";

    /** The namespace's full name, which the audit events give before a data source's name (as the seed's example). */
    String QUALIFIED_NAMESPACE = "goss.DataExporter." + NAMESPACE;

    /** A data source's name as the audit history records it: goss.DataExporter.dataSources.name. */
    static String qualifiedName(String name) {
        return QUALIFIED_NAMESPACE + "." + name;
    }

    String name();

    String description();

    /** The header row: the column names, in order; each row's values come in the same order. */
    List<String> headerRow();

    /** The parameters a schedule may give (filters); any other is refused when the schedule is saved. */
    List<String> parameterNames();

    default Set<FileType> fileTypes() {
        return EnumSet.allOf(FileType.class);
    }

    /**
     * Checks the values of the parameters (their names are checked already) when a schedule is saved; throws an
     * {@code InvalidRequestException} that names the bad one. Most data sources take any value.
     */
    default void checkParameters(Map<String, String> parameters) {}

    /** The query for these (already validated) parameters. */
    SqlQuery query(Map<String, String> parameters);

    /**
     * A parameterised SELECT.
     *
     * @param sql       the statement, with ? placeholders
     * @param arguments the placeholders' values, in order
     * @param role      whose rights it runs with
     */
    record SqlQuery(String sql, List<Object> arguments, QueryRole role) {

        /** A query of a built-in data source: it runs as the suite's user. */
        public SqlQuery(String sql, List<Object> arguments) {
            this(sql, arguments, QueryRole.SUITE);
        }
    }
}
