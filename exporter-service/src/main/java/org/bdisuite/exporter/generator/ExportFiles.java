package org.bdisuite.exporter.generator;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.bdisuite.exporter.api.FileType;
import org.bdisuite.exporter.api.ScheduleConfiguration;
import org.bdisuite.exporter.common.ExporterConstants;
import org.bdisuite.exporter.config.ExporterConfig;
import org.bdisuite.exporter.datasource.ExportDataSource;
import org.bdisuite.exporter.datasource.SqlDataSource;
import org.bdisuite.exporter.datasource.persistence.RowStreamer;

/**
 * The file generators at work: streams a data source's rows from the cursor straight into a CSV or JSON file.
 * One file holds at most the row limit (100,000); more fails the export, unless the schedule splits, which writes
 * numbered parts of at most the limit, each with its header row, plus a manifest.json of rows and SHA-256 per part.
 * SQL data sources go through {@link CopyExport} (PostgreSQL's COPY), every other one through JDBC and the writers.
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
        Parts parts = new Parts(source, schedule, directory, baseName, progress);
        try {
            long total = rows.stream(source.query(schedule.parameters()), parts::row);
            List<GeneratedFile> files = parts.finish();
            return new Generated(total, files);
        } catch (IOException e) {
            parts.abandon();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            parts.abandon();
            throw e;
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

    /** The open part and the completed ones. */
    private final class Parts {

        private final ExportDataSource source;
        private final ScheduleConfiguration schedule;
        private final Path directory;
        private final String baseName;
        private final DateTimeFormatter dates;
        private final int limit = config.maxRows();
        private final List<GeneratedFile> completed = new ArrayList<>();
        private PartFile file;
        private RowWriter writer;
        private long rowsInPart;
        private final java.util.function.LongConsumer progress;
        private long written;

        Parts(
                ExportDataSource source,
                ScheduleConfiguration schedule,
                Path directory,
                String baseName,
                java.util.function.LongConsumer progress) {
            this.progress = progress;
            this.source = source;
            this.schedule = schedule;
            this.directory = directory;
            this.baseName = baseName;
            this.dates = DateTimeFormatter.ofPattern(ExporterConstants.DATE_FORMATS.get(schedule.dateFormat()));
        }

        boolean row(Object[] values) throws IOException {
            if (writer == null) {
                open();
            } else if (rowsInPart == limit) {
                if (!schedule.split()) {
                    throw new RowLimitExceededException(source.name(), limit);
                }
                closePart();
                open();
            }
            writer.row(values);
            rowsInPart++;
            progress.accept(++written);
            return true;
        }

        private void open() throws IOException {
            String extension = schedule.fileType().extension();
            String name = schedule.split()
                    ? String.format("%s_part%04d.%s", baseName, completed.size() + 1, extension)
                    : baseName + "." + extension;
            file = new PartFile(directory.resolve(name));
            writer = schedule.fileType() == FileType.CSV
                    ? new CsvRowWriter(file.stream(), config.csvNeutraliseFormulas(), dates)
                    : new JsonRowWriter(file.stream(), dates);
            writer.header(source.headerRow());
            rowsInPart = 0;
        }

        private void closePart() throws IOException {
            writer.finish();
            completed.add(file.complete(rowsInPart));
            writer = null;
            file = null;
        }

        List<GeneratedFile> finish() throws IOException {
            if (writer == null) {
                open(); // no rows: a file with its header row (an empty array for JSON)
            }
            closePart();
            if (schedule.split()) {
                completed.add(manifest());
            }
            return List.copyOf(completed);
        }

        private GeneratedFile manifest() throws IOException {
            return ExportFiles.manifest(directory, baseName, completed);
        }

        void abandon() {
            if (file != null) {
                file.abandon();
            }
            for (GeneratedFile part : completed) {
                try {
                    Files.deleteIfExists(part.path());
                } catch (IOException ignored) {
                    // best effort: a retried run rewrites the same names
                }
            }
        }
    }
}
