package org.bdisuite.batchadmin.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRootName;
import java.time.OffsetDateTime;

/**
 * One execution inside the spec's {@code jobInstanceExecutionsVo}; the spec's four fields first.
 *
 * @param exitMessage why it ended as it did, in words (see {@link JobExecutionVo})
 * @param dataSet     for a pipeline job, the data set its instance works on
 * @param traceId the execution's OpenTelemetry trace id, as in {@link JobExecutionVo}
 */
@JsonRootName("jobInstanceExecutionVo")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobInstanceExecutionVo(
        long executionId,
        String executionStatus,
        OffsetDateTime executionStartTime,
        Long executionDuration,
        String exitStatus,
        OffsetDateTime executionEndTime,
        boolean restartable,
        boolean stoppable,
        boolean abandonable,
        String exitMessage,
        ExecutionDataSetVo dataSet,
        String traceId) {

    public static JobInstanceExecutionVo of(JobExecutionVo execution) {
        return new JobInstanceExecutionVo(
                execution.executionId(),
                execution.executionStatus(),
                execution.executionStartTime(),
                execution.executionDuration(),
                execution.exitStatus(),
                execution.executionEndTime(),
                execution.restartable(),
                execution.stoppable(),
                execution.abandonable(),
                execution.exitMessage(),
                execution.dataSet(),
                execution.traceId());
    }
}
