package org.bdisuite.exporter.generator;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bdisuite.exporter.api.FileType;
import org.bdisuite.exporter.api.ScheduleConfiguration;
import org.bdisuite.exporter.config.ExporterConfig;
import org.bdisuite.exporter.datasource.ExportDataSource;
import org.bdisuite.exporter.datasource.SqlDataSource;
import org.bdisuite.exporter.datasource.persistence.CopyReader;
import org.bdisuite.exporter.datasource.persistence.RowStreamer;
import org.bdisuite.runtime.csv.CopyCsvWriter;

/**
 * The file generators at work: streams a data source's rows from the cursor straight into a CSV or JSON file.
 * One file holds at most the row limit (100,000); more fails the export, unless the schedule splits, which writes
 * numbered parts of at most the limit, each with its header row, plus a manifest.json of rows and SHA-256 per part.
 * SQL data sources go through {@link CopyExport} (PostgreSQL's COPY), every other one through a cursor into the same
 * byte filter as a COPY's output.
 */
@ApplicationScoped
public class ExportFiles {

    private final RowStreamer rows;
    private final ExporterConfig config;

    private final CopyExport copy;

    public ExportFiles(RowStreamer rows, ExporterConfig config, CopyExport copy) {
        this.rows = rows;
        this.copy = copy;
        this.config = config;
    }

    /** What was written: all rows and every file (parts, then the manifest). */
    public record Generated(long rows, List<GeneratedFile> files) {}

    /**
     * Writes the export into {@code directory} (created if needed) with names starting {@code baseName}. On any
     * failure nothing is left in the directory from this call.
     */
    public Generated generate(
            ExportDataSource source, ScheduleConfiguration schedule, Path directory, String baseName) {
        return generate(source, schedule, directory, baseName, rowsSoFar -> {});
    }

    /** As above, telling {@code progress} the rows written so far after each row. */
    public Generated generate(
            ExportDataSource source,
            ScheduleConfiguration schedule,
            Path directory,
            String baseName,
            java.util.function.LongConsumer progress) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (source instanceof SqlDataSource sql) {
            return copy.generate(sql, schedule, directory, baseName, progress);
        }
        return generateRows(source, schedule, directory, baseName, progress);
    }

    /**
     * The row path: the rows come from a cursor as PostgreSQL's text of their values and are written, as COPY would
     * write them, into the same filter as a COPY's output, so that every value is written by the same code.
     */
    private Generated generateRows(
            ExportDataSource source,
            ScheduleConfiguration schedule,
            Path directory,
            String baseName,
            java.util.function.LongConsumer progress) {
        CopyFilter[] filter = new CopyFilter[1];
        CopyCsvWriter[] csv = new CopyCsvWriter[1];
        try {
            rows.streamText(source.query(schedule.parameters()), columns -> {
                filter[0] = copy.filter(source, schedule, directory, baseName, columns)
                        .onProgress(progress);
                csv[0] = new CopyCsvWriter(filter[0]);
                if (schedule.fileType() == FileType.CSV) {
                    csv[0].write(source.headerRow().toArray(String[]::new));
                }
                return csv[0]::write;
            });
            csv[0].flush();
            return filter[0].finish();
        } catch (CopyReader.Stop e) {
            abandon(filter[0]);
            throw e.failure();
        } catch (IOException e) {
            abandon(filter[0]);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            abandon(filter[0]);
            throw e;
        }
    }

    private static void abandon(CopyFilter filter) {
        if (filter != null) {
            filter.abandon();
        }
    }

    /** Writes the split export's manifest: total rows, and name, rows, bytes and SHA-256 per part. */
    static GeneratedFile manifest(Path directory, String baseName, List<GeneratedFile> parts) throws IOException {
        PartFile manifest = new PartFile(directory.resolve(baseName + "_manifest.json"));
        try (JsonGenerator json = new JsonFactory().createGenerator(manifest.stream(), JsonEncoding.UTF8)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.writeStartObject();
            json.writeNumberField(
                    "rows", parts.stream().mapToLong(GeneratedFile::rows).sum());
            json.writeArrayFieldStart("parts");
            for (GeneratedFile part : parts) {
                json.writeStartObject();
                json.writeStringField("name", part.name());
                json.writeNumberField("rows", part.rows());
                json.writeNumberField("bytes", part.bytes());
                json.writeStringField("sha256", part.sha256());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        return manifest.complete(null);
    }
}
