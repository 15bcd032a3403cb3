package org.bdisuite.runtime.retention;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer of a purge: per kind, what went (or with dryRun, what would go). */
@Schema(name = "PurgeReport", description = "What a purge deleted, or with dryRun=true would delete, per kind")
public record PurgeReport(
        @Schema(description = "true: nothing was deleted, the numbers say what would go")
        boolean dryRun,

        List<PurgedKind> kinds) {}
