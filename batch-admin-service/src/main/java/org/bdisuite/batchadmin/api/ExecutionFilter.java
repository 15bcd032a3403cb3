package org.bdisuite.batchadmin.api;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * What a list of executions is narrowed to; null (or an empty status list) means "any". {@code from} is
 * inclusive and {@code to} exclusive, both on the execution's creation time.
 */
public record ExecutionFilter(
        String jobName, Long jobInstanceId, List<String> statuses, OffsetDateTime from, OffsetDateTime to) {

    public ExecutionFilter {
        statuses = statuses == null ? List.of() : List.copyOf(statuses);
    }

    public ExecutionFilter forJob(String name) {
        return new ExecutionFilter(name, jobInstanceId, statuses, from, to);
    }

    public ExecutionFilter forInstance(long instanceId) {
        return new ExecutionFilter(jobName, instanceId, statuses, from, to);
    }

    public ExecutionFilter withStatuses(List<String> only) {
        return new ExecutionFilter(jobName, jobInstanceId, only, from, to);
    }
}
