package org.bdisuite.batchadmin.api;

import java.time.OffsetDateTime;

/**
 * One entry of the notification history: one event, one rule, one channel (EMAIL or WEBHOOK).
 *
 * @param status    PENDING (being sent, with retries), SENT, FAILED (after the last attempt) or SUPPRESSED (the
 *                  rule's rate limit was reached)
 * @param lastError why the last attempt failed, without secrets
 */
public record NotificationVo(
        long id,
        String rule,
        String channel,
        String status,
        int attempts,
        String lastError,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        SuiteEventVo event) {}
