package org.bdisuite.exporter.customerservice.api;

import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A services file-export job.
 *
 * @param jobId        its id (the Location of POST /exporter/services/export/files)
 * @param state        QUEUED, RUNNING, SUCCEEDED, FAILED or EXPIRED (files deleted after the retention time)
 * @param format       CSV or JSON
 * @param timeFrom     the selection's time_from
 * @param timeTo       the selection's time_to
 * @param filterEvents any, started or completed
 * @param filterState  any, active or inactive
 * @param rowsWritten  services written so far (the progress), all of them once SUCCEEDED
 * @param attempts     how often it was started (more than 1 when its runner stopped and it was run again)
 * @param error        why it failed
 * @param createdBy    who asked for it
 * @param createdAt    when
 * @param finishedAt   when it succeeded or failed
 * @param expiresAt    when its files are deleted
 * @param files        the parts and the manifest, once SUCCEEDED
 */
public record FileJobVo(
        String jobId,
        String state,
        String format,
        OffsetDateTime timeFrom,
        OffsetDateTime timeTo,
        String filterEvents,
        String filterState,
        long rowsWritten,
        int attempts,
        String error,
        String createdBy,
        OffsetDateTime createdAt,
        OffsetDateTime finishedAt,
        OffsetDateTime expiresAt,
        List<FileVo> files) {

    /**
     * One file.
     *
     * @param name   its name
     * @param bytes  its size
     * @param sha256 SHA-256 of its bytes, hex
     * @param rows   services in it (null for the manifest)
     * @param url    where to download it (GET, Range supported)
     */
    @Schema(name = "FileVo1")
    public record FileVo(String name, long bytes, String sha256, Long rows, String url) {}
}
