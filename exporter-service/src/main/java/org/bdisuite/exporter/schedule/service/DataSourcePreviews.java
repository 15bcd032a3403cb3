package org.bdisuite.exporter.schedule.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bdisuite.exporter.api.DataSourceVo;
import org.bdisuite.exporter.api.FileType;
import org.bdisuite.exporter.api.PreviewVo;
import org.bdisuite.exporter.common.ExporterRule;
import org.bdisuite.exporter.config.ExporterConfig;
import org.bdisuite.exporter.datasource.DataSourceException;
import org.bdisuite.exporter.datasource.DataSources;
import org.bdisuite.exporter.datasource.ExportDataSource;
import org.bdisuite.exporter.datasource.ExportDataSource.SqlQuery;
import org.bdisuite.exporter.datasource.QueryRole;
import org.bdisuite.exporter.datasource.SqlDataSource;
import org.bdisuite.exporter.datasource.persistence.RowStreamer;
import org.bdisuite.runtime.error.InvalidRequestException;

/** Lists the data sources and shows a few rows of one in the GOSS Data Exporter's {headerRow, data} shape. */
@ApplicationScoped
public class DataSourcePreviews {

    private final DataSources dataSources;
    private final RowStreamer rows;
    private final ExporterConfig config;

    public DataSourcePreviews(DataSources dataSources, RowStreamer rows, ExporterConfig config) {
        this.dataSources = dataSources;
        this.rows = rows;
        this.config = config;
    }

    public List<DataSourceVo> list() {
        return dataSources.all().stream().map(DataSourcePreviews::view).toList();
    }

    public PreviewVo preview(String name, int limit, Map<String, String> parameters) {
        ExportDataSource source = dataSources.get(name);
        if (limit < 1 || limit > config.maxPreviewRows()) {
            throw InvalidRequestException.forField("limit", "must be between 1 and " + config.maxPreviewRows());
        }
        for (String parameter : parameters.keySet()) {
            if (!source.parameterNames().contains(parameter)) {
                throw InvalidRequestException.forField(
                        parameter,
                        "unknown parameter of " + name + "; allowed: " + source.parameterNames() + " and limit");
            }
        }
        List<String> header = source.headerRow();
        List<Map<String, Object>> data = new ArrayList<>();
        SqlQuery query = source.query(parameters);
        try {
            rows.stream(query, values -> {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    row.put(header.get(i), values[i]);
                }
                data.add(row);
                return data.size() < limit;
            });
        } catch (DataSourceException e) {
            if (query.role() == QueryRole.EXPORT_READER) {
                // An administrator's query that is refused or times out: the client can act on it.
                throw ExporterRule.QUERY_FAILED.refusal(e.getMessage());
            }
            throw e;
        }
        return new PreviewVo(header, data);
    }

    static DataSourceVo view(ExportDataSource source) {
        return new DataSourceVo(
                source.name(),
                ExportDataSource.NAMESPACE,
                source.description(),
                source.headerRow(),
                source.fileTypes().stream().map(FileType::name).toList(),
                source.parameterNames(),
                source instanceof SqlDataSource ? "SQL" : "BUILT_IN");
    }
}
