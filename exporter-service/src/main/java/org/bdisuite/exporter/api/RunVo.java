package org.bdisuite.exporter.api;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One run of a schedule (a row of the run ledger).
 *
 * @param runId       the run's id
 * @param businessKey the schedule
 * @param fireDate    the day it ran for (in the schedule's timezone)
 * @param from        Schedule (the daily run) or Run (a user)
 * @param user        who started it
 * @param outcome     RUNNING, SUCCEEDED or FAILED
 * @param startedAt   when it started
 * @param finishedAt  when it ended (or null)
 * @param rows        rows exported (or null)
 * @param rowsWritten while the run is RUNNING: the rows written so far, recorded about once per second (null until
 *                    the first record, and for a run shorter than that)
 * @param files       the files written
 * @param error       why it failed (or null)
 * @param traceId     the OpenTelemetry trace of the run's latest start, from its trigger (the API call or the daily
 *                    run) through generation and each delivery (or null)
 */
public record RunVo(
        long runId,
        String businessKey,
        LocalDate fireDate,
        String from,
        String user,
        String outcome,
        OffsetDateTime startedAt,
        OffsetDateTime finishedAt,
        Long rows,
        Long rowsWritten,
        List<FileVo> files,
        String error,
        String traceId) {

    /**
     * A file a run wrote.
     *
     * @param name   file name
     * @param bytes  size
     * @param sha256 SHA-256 of the content, hex
     */
    @Schema(name = "FileVo")
    public record FileVo(String name, long bytes, String sha256) {}
}
