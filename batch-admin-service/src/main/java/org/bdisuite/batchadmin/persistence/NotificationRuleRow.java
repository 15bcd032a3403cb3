package org.bdisuite.batchadmin.persistence;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A row of notification_rule. {@code sealedWebhookSecret} is the sealed value (never the clear secret); it has no
 * place in a log line, so {@link #toString()} leaves it out.
 */
public record NotificationRuleRow(
        long id,
        String name,
        List<String> eventKinds,
        String subject,
        List<String> emailRecipients,
        String webhookDestination,
        String sealedWebhookSecret,
        int maxPerHour,
        boolean enabled,
        OffsetDateTime updatedAt) {

    @Override
    public String toString() {
        return "NotificationRule[" + name + ", " + eventKinds + ", webhook " + webhookDestination + "]";
    }
}
