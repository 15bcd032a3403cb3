package org.bdisuite.runtime.retention;

import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One kind of a purge report. */
@Schema(name = "PurgedKind", description = "One kind of data of a purge")
public record PurgedKind(
        @Schema(description = "The kind of data, e.g. JOB_HISTORY", example = "JOB_HISTORY")
        String kind,

        @Schema(description = "Its retention (ISO-8601 duration)", example = "PT2160H")
        String retention,

        @Schema(description = "Data that finished before this time goes")
        OffsetDateTime cutoff,

        @Schema(description = "Rows deleted (or that would be)")
        long rows,

        @Schema(description = "Bytes reclaimed (or that would be): file sizes, and the rows' stored size")
        long bytes) {}
