package org.bdisuite.batchadmin.persistence;

import java.time.OffsetDateTime;

/**
 * A row of the JSR-352 repository's JOB_EXECUTION with its job name, whether it is its instance's latest, and its
 * trace id (bdi_job_execution_trace; null until the execution's span has started).
 */
public record ExecutionRow(
        long executionId,
        long jobInstanceId,
        String jobName,
        String batchStatus,
        String exitStatus,
        OffsetDateTime createTime,
        OffsetDateTime startTime,
        OffsetDateTime endTime,
        OffsetDateTime lastUpdatedTime,
        String jobParameters,
        boolean mostRecentOfInstance,
        String traceId) {}
