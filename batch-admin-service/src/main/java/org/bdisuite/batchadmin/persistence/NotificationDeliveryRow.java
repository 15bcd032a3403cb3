package org.bdisuite.batchadmin.persistence;

import java.time.OffsetDateTime;

/** A row of notification_delivery: one notification of one event by one rule on one channel. */
public record NotificationDeliveryRow(
        long id,
        long eventId,
        long ruleId,
        String ruleName,
        String channel,
        String status,
        int attempts,
        OffsetDateTime nextAttemptAt,
        String lastError,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {}
