package org.bdisuite.batchadmin.api;

import java.time.OffsetDateTime;
import java.util.List;

/** A stored notification rule as the API shows it: never the webhook secret, only whether one is set. */
public record NotificationRuleVo(
        String name,
        List<String> eventKinds,
        String subject,
        List<String> emailRecipients,
        String webhookDestination,
        boolean webhookSecretSet,
        int maxPerHour,
        boolean enabled,
        OffsetDateTime updatedAt) {}
