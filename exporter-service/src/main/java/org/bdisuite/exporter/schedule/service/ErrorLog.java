package org.bdisuite.exporter.schedule.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.OffsetDateTime;
import org.bdisuite.exporter.api.ErrorLogEntryVo;
import org.bdisuite.exporter.api.PageVo;
import org.bdisuite.exporter.config.ExporterConfig;
import org.bdisuite.exporter.schedule.persistence.ExporterError;
import org.bdisuite.exporter.schedule.persistence.ExporterErrorRepository;
import org.bdisuite.exporter.schedule.persistence.Page;
import org.jboss.logging.Logger;

/**
 * The DataExporterErrors log: a file of that name in the configured log directory (the GOSS Data Exporter's API server log) and
 * a table, so that every replica's errors can be read in one place (GET /exporter/errors).
 */
@ApplicationScoped
public class ErrorLog {

    public static final String FILE_NAME = "DataExporterErrors";
    private static final Logger LOG = Logger.getLogger(ErrorLog.class);

    private final ExporterErrorRepository errors;
    private final ExporterConfig config;

    public ErrorLog(ExporterErrorRepository errors, ExporterConfig config) {
        this.errors = errors;
        this.config = config;
    }

    /** Records the error in the caller's transaction and appends it to the file. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String businessKey, Long runId, String message, OffsetDateTime when) {
        errors.insert(when, businessKey, runId, message);
        append(when + " schedule=" + businessKey + " run=" + runId + " "
                + message.replace('\n', ' ').replace('\r', ' ') + System.lineSeparator());
    }

    @Transactional
    public PageVo<ErrorLogEntryVo> page(int page, int size) {
        Page<ExporterError> errors = this.errors.newestFirst(page, size);
        return new PageVo<>(
                page,
                size,
                errors.total(),
                errors.items().stream()
                        .map(e -> new ErrorLogEntryVo(
                                e.getId(), e.getOccurredAt(), e.getBusinessKey(), e.getRunId(), e.getMessage()))
                        .toList());
    }

    private synchronized void append(String line) {
        Path file = config.logDir().resolve(FILE_NAME);
        try {
            Files.createDirectories(config.logDir());
            Files.writeString(
                    file,
                    line,
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            // The table row is the durable record; the file is the GOSS Data Exporter's convenience copy.
            LOG.errorf(e, "Could not append to %s: %s", file, line);
        }
    }
}
