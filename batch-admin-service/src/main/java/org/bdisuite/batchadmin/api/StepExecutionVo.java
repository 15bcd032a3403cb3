package org.bdisuite.batchadmin.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRootName;
import java.time.OffsetDateTime;

/**
 * One step execution with the JSR-352 metrics of its chunks.
 *
 * @param exitMessage why it ended as it did, in words: a failure's message (never a stack trace or a class name), or
 *                    why a pipeline step did nothing; null when there is nothing to say
 */
@JsonRootName("stepExecutionVo")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StepExecutionVo(
        long stepExecutionId,
        long executionId,
        String stepName,
        String stepStatus,
        String exitStatus,
        OffsetDateTime stepStartTime,
        OffsetDateTime stepEndTime,
        Long stepDuration,
        long readCount,
        long writeCount,
        long commitCount,
        long rollbackCount,
        long readSkipCount,
        long processSkipCount,
        long filterCount,
        long writeSkipCount,
        String exitMessage) {}
