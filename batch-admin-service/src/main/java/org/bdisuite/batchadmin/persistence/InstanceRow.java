package org.bdisuite.batchadmin.persistence;

/** A JOB_INSTANCE row with its most recent execution (none yet right after a start). */
public record InstanceRow(long jobInstanceId, String jobName, Long latestExecutionId, String latestStatus) {}
