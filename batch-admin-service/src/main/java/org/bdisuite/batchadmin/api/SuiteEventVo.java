package org.bdisuite.batchadmin.api;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * An event as notifications carry it (the webhook's JSON body has the same fields plus {@code rule}).
 *
 * @param occurrence what makes it one occurrence (for example {@code job-execution:42:FAILED})
 * @param details    what is known about it: for a job execution jobExecutionId, jobInstanceId, jobName,
 *                   batchStatus, exitStatus, endTime; for an export run businessKey, runId, error; for a receiver
 *                   transaction transactionId, interfaceModule; for NOT_FRESH kind, name, maxAgeHours,
 *                   lastSuccessAt
 */
public record SuiteEventVo(
        long id,
        String kind,
        String subject,
        String occurrence,
        OffsetDateTime occurredAt,
        Map<String, Object> details) {}
