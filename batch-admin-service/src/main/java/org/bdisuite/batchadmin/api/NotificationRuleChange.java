package org.bdisuite.batchadmin.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A notification rule to store, as a whole.
 *
 * @param eventKinds         which events it notifies about (JOB_EXECUTION_FAILED, JOB_EXECUTION_ABANDONED,
 *                           EXPORT_RUN_FAILED, RECEIVER_TRANSACTION_EXPIRED, DATA_SET_FAILED, NOT_FRESH)
 * @param subject            only events of this subject (a job name, a schedule's business key, an interface
 *                           module, or kind:name for NOT_FRESH); absent: every subject
 * @param emailRecipients    e-mail addresses that get one mail per event
 * @param webhookDestination a stored destination (PUT /system-setting/destinations/{name}) whose URL gets the event
 *                           as a signed JSON POST
 * @param webhookSecret      the HMAC-SHA256 key of the webhook's signature; write-only (sealed at once, never
 *                           returned); may be left out when the rule already has one and keeps its destination
 * @param maxPerHour         the most events the rule notifies about per hour; more are recorded SUPPRESSED
 * @param enabled            false keeps the rule without using it
 */
public record NotificationRuleChange(
        @NotEmpty @Size(max = 6) List<@NotNull String> eventKinds,
        @Size(max = 300) String subject,
        @Size(max = 50) List<@NotNull @Size(max = 254) String> emailRecipients,
        @Size(max = 100) String webhookDestination,
        @Size(min = 16, max = 1024) String webhookSecret,
        @Min(1) @Max(10000) Integer maxPerHour,
        Boolean enabled) {

    /** Without the secret, so that a logged or printed request never shows it. */
    @Override
    public String toString() {
        return "NotificationRuleChange[eventKinds=" + eventKinds + ", subject=" + subject + ", webhookDestination="
                + webhookDestination + ", webhookSecret=***]";
    }
}
