package org.bdisuite.batchadmin.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRootName;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * One job execution with what an operator may do with it next. The three flags follow the JSR-352 rules the
 * Batch Service enforces: {@code restartable} only for the most recent execution of its instance when it is
 * STOPPED or FAILED, {@code stoppable} only while STARTING or STARTED, {@code abandonable} once it has ended
 * and is not ABANDONED already.
 *
 * @param executionDuration milliseconds from start to end (or to now while it runs); null before it starts
 * @param exitMessage       why it ended as it did, in words: a failure's message (never a stack trace or a class
 *                          name), or why a pipeline run did nothing (the FAILED data set that blocks it); null when
 *                          there is nothing to say
 * @param dataSet           for a pipeline job, the data set its instance works on
 * @param traceId           the execution's OpenTelemetry trace id (32 hex digits): a pipeline job's is its data set's
 *                          trace, which the extractor began; absent until the execution's span has started
 * @param stepExecutionVo   the steps, only in the single-execution view
 */
@JsonRootName("jobExecutionVo")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobExecutionVo(
        long executionId,
        String jobName,
        long jobInstanceId,
        String executionStatus,
        String exitStatus,
        OffsetDateTime createTime,
        OffsetDateTime executionStartTime,
        OffsetDateTime executionEndTime,
        OffsetDateTime lastUpdatedTime,
        Long executionDuration,
        Map<String, String> jobParameters,
        boolean restartable,
        boolean stoppable,
        boolean abandonable,
        String resource,
        String exitMessage,
        ExecutionDataSetVo dataSet,
        String traceId,

        @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "stepExecutionVo")
        List<StepExecutionVo> stepExecutionVo) {

    public JobExecutionVo withSteps(List<StepExecutionVo> steps) {
        return new JobExecutionVo(
                executionId,
                jobName,
                jobInstanceId,
                executionStatus,
                exitStatus,
                createTime,
                executionStartTime,
                executionEndTime,
                lastUpdatedTime,
                executionDuration,
                jobParameters,
                restartable,
                stoppable,
                abandonable,
                resource,
                exitMessage,
                dataSet,
                traceId,
                steps);
    }
}
