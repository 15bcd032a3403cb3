package org.bdisuite.batchadmin.api;

import com.fasterxml.jackson.annotation.JsonRootName;

/**
 * A job instance with its most recent execution.
 *
 * @param resource the instance's executions ({@code /batch/jobs/{jobName}/{jobInstanceId}/executions})
 */
@JsonRootName("jobInstanceVo")
public record JobInstanceVo(
        long jobInstanceId, String jobName, Long latestExecutionId, String latestExecutionStatus, String resource) {}
