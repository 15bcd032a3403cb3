package org.bdisuite.exporter.generator;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.LongConsumer;
import org.bdisuite.exporter.api.FileType;
import org.bdisuite.exporter.api.ScheduleConfiguration;
import org.bdisuite.exporter.common.ExporterConstants;
import org.bdisuite.exporter.config.ExporterConfig;
import org.bdisuite.exporter.datasource.CopyColumn;
import org.bdisuite.exporter.datasource.ExportDataSource;
import org.bdisuite.exporter.datasource.SqlDataSource;
import org.bdisuite.exporter.datasource.persistence.CopyReader;

/**
 * The CSV and JSON generator: PostgreSQL's COPY of a SQL data source ({@link CopyReader}) streamed through
 * {@link CopyFilter}, which writes the exporter's CSV or JSON from COPY's bytes while the server produces the next
 * rows. The filter is the one place that decides how a value is written (types, nulls, dates, escaping, formula
 * neutralising); the row path of the other data sources ({@link ExportFiles}) feeds the same filter, so a data
 * source gives the same bytes whichever way its rows come.
 */
@ApplicationScoped
public class CopyExport {

    private final CopyReader reader;
    private final ExporterConfig config;

    public CopyExport(CopyReader reader, ExporterConfig config) {
        this.reader = reader;
        this.config = config;
    }

    /**
     * Writes the export; {@code progress} is told the data rows written so far after each row. The columns' kinds
     * are the source's declared ones, or else read from the query's JDBC metadata.
     */
    public ExportFiles.Generated generate(
            SqlDataSource source,
            ScheduleConfiguration schedule,
            Path directory,
            String baseName,
            LongConsumer progress) {
        CopyFilter[] filter = new CopyFilter[1];
        try {
            reader.copyCsv(
                    source.role(),
                    SqlDataSource.wrapped(source.select()),
                    source.columns(),
                    schedule.fileType() == FileType.CSV,
                    columns -> filter[0] = filter(source, schedule, directory, baseName, columns)
                            .onProgress(progress));
            return filter[0].finish();
        } catch (IOException e) {
            abandon(filter[0]);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            abandon(filter[0]);
            throw e;
        }
    }

    /**
     * The filter that writes {@code source}'s files from COPY's CSV of {@code columns}: CSV (the input with its header
     * record) or JSON (the input without one). The JSON keys are the stored header row (unless the query's columns
     * changed since it was registered; then its current labels, as the CSV header has them).
     */
    CopyFilter filter(
            ExportDataSource source,
            ScheduleConfiguration schedule,
            Path directory,
            String baseName,
            List<CopyColumn> columns)
            throws IOException {
        String datePattern = ExporterConstants.DATE_FORMATS.get(schedule.dateFormat());
        if (schedule.fileType() == FileType.CSV) {
            return new CopyFilter.Csv(
                    source.name(),
                    schedule.split(),
                    directory,
                    baseName,
                    config.maxRows(),
                    columns,
                    config.csvNeutraliseFormulas(),
                    datePattern);
        }
        List<String> keys = source.headerRow().size() == columns.size()
                ? source.headerRow()
                : columns.stream().map(CopyColumn::label).toList();
        return new CopyFilter.Json(
                source.name(),
                schedule.split(),
                directory,
                baseName,
                config.maxRows(),
                columns,
                keys,
                DateTimeFormatter.ofPattern(datePattern),
                datePattern);
    }

    /**
     * Streams the rows of {@code select} into {@code out} as JSON objects, keyed by the columns' labels: a JSON
     * array, or with {@code lines} NDJSON (one object per line). The array's closing bracket is written only after
     * the last row, so a stream cut off by a failure is never a valid but short document. Returns the rows written.
     */
    public long streamJson(String select, List<CopyColumn> columns, boolean lines, OutputStream out)
            throws IOException {
        String datePattern = ExporterConstants.DATE_FORMATS.get(ExporterConstants.DEFAULT_DATE_FORMAT);
        CopyFilter.Json filter = new CopyFilter.Json(
                out,
                lines,
                columns,
                columns.stream().map(CopyColumn::label).toList(),
                DateTimeFormatter.ofPattern(datePattern),
                datePattern);
        reader.copyOut("COPY (" + select + ") TO STDOUT (FORMAT csv)", filter);
        return filter.finish().rows();
    }

    private static void abandon(CopyFilter filter) {
        if (filter != null) {
            filter.abandon();
        }
    }
}
