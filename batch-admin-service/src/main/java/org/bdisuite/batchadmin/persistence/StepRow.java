package org.bdisuite.batchadmin.persistence;

import java.time.OffsetDateTime;

/** A STEP_EXECUTION row without its serialized checkpoint and user data. */
public record StepRow(
        long stepExecutionId,
        long jobExecutionId,
        String stepName,
        String batchStatus,
        String exitStatus,
        OffsetDateTime startTime,
        OffsetDateTime endTime,
        long readCount,
        long writeCount,
        long commitCount,
        long rollbackCount,
        long readSkipCount,
        long processSkipCount,
        long filterCount,
        long writeSkipCount) {}
