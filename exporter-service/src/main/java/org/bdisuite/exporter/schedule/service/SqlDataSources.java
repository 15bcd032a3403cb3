package org.bdisuite.exporter.schedule.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;
import org.bdisuite.exporter.api.DataSourceVo;
import org.bdisuite.exporter.api.SqlDataSourceRequest;
import org.bdisuite.exporter.common.ExporterClock;
import org.bdisuite.exporter.common.ExporterRule;
import org.bdisuite.exporter.datasource.DataSourceException;
import org.bdisuite.exporter.datasource.DataSources;
import org.bdisuite.exporter.datasource.SqlDataSource;
import org.bdisuite.exporter.datasource.persistence.RowStreamer;
import org.bdisuite.exporter.datasource.persistence.SelectStatements;
import org.bdisuite.exporter.datasource.persistence.SqlDataSourceDefinition;
import org.bdisuite.exporter.datasource.persistence.SqlDataSourceRepository;
import org.bdisuite.runtime.error.InvalidRequestException;

/**
 * Registers SQL data sources. Anything but a single SELECT of what the export reader may read is refused (422):
 * first by pgjdbc's lexer (one statement, starting SELECT or WITH), then by PostgreSQL, which runs it as the role
 * suite_export_reader, as a subquery sent alone with LIMIT 0, in a read-only transaction with the statement
 * timeout: its rights are checked before anything runs, and LIMIT 0 reads no row. That also yields the header row.
 */
@ApplicationScoped
public class SqlDataSources {

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,127}");

    private final SqlDataSourceRepository repository;
    private final DataSources dataSources;
    private final RowStreamer rows;
    private final ExporterClock clock;

    public SqlDataSources(
            SqlDataSourceRepository repository, DataSources dataSources, RowStreamer rows, ExporterClock clock) {
        this.repository = repository;
        this.dataSources = dataSources;
        this.rows = rows;
        this.clock = clock;
    }

    public DataSourceVo register(SqlDataSourceRequest request, String user) {
        if (request == null
                || request.name() == null
                || !NAME.matcher(request.name()).matches()) {
            throw InvalidRequestException.forField(
                    "name", "1 to 128 characters: a letter, then letters, digits," + " '_', '.' or '-'");
        }
        String description =
                request.description() == null ? "" : request.description().strip();
        if (description.length() > 1000) {
            throw InvalidRequestException.forField("description", "is longer than 1000 characters");
        }
        String select = SelectStatements.singleSelect(request.sql());
        if (select == null) {
            throw ExporterRule.NOT_A_SINGLE_SELECT.refusal("sql: a SQL data source is exactly one SELECT"
                    + " statement (or WITH ... SELECT), without a second statement");
        }
        if (dataSources.isBuiltIn(request.name())) {
            throw ExporterRule.DATA_SOURCE_EXISTS.refusal("Data source " + request.name() + " is built in");
        }
        List<String> header = probe(select);
        SqlDataSourceDefinition definition =
                new SqlDataSourceDefinition(request.name(), description, select, header, user, clock.now());
        try {
            QuarkusTransaction.requiringNew().run(() -> repository.persist(definition));
        } catch (PersistenceException duplicate) {
            throw ExporterRule.DATA_SOURCE_EXISTS.refusal("Data source " + request.name() + " is already registered");
        }
        return DataSourcePreviews.view(new SqlDataSource(definition));
    }

    private List<String> probe(String select) {
        List<String> header;
        try {
            header = rows.columns(SqlDataSource.wrapped(select));
        } catch (DataSourceException e) {
            throw ExporterRule.QUERY_REFUSED.refusal("sql: " + e.getMessage());
        }
        if (header.isEmpty()) {
            throw ExporterRule.NO_COLUMNS.refusal("sql: the SELECT returns no columns");
        }
        if (new HashSet<>(header).size() != header.size()) {
            throw ExporterRule.DUPLICATE_COLUMNS.refusal(
                    "sql: column names must be unique (they are the" + " header row and the JSON keys): " + header);
        }
        return header;
    }
}
