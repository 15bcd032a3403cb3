package org.bdisuite.batchadmin.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.bdisuite.batchadmin.config.NotificationConfig;
import org.bdisuite.batchadmin.notify.MailChannel;
import org.bdisuite.batchadmin.notify.NotificationFailure;
import org.bdisuite.batchadmin.notify.WebhookChannel;
import org.bdisuite.batchadmin.persistence.NotificationDeliveryRow;
import org.bdisuite.batchadmin.persistence.NotificationDeliveryStore;
import org.bdisuite.batchadmin.persistence.NotificationRuleRow;
import org.bdisuite.batchadmin.persistence.NotificationRuleStore;
import org.bdisuite.runtime.error.ResourceNotFoundException;
import org.bdisuite.runtime.events.SuiteEvent;
import org.bdisuite.runtime.persistence.SuiteEventStore;
import org.jboss.logging.Logger;

/**
 * Turns recorded events (suite_event) into notifications, in two steps that are safe with any number of replicas.
 *
 * <ol>
 *   <li><b>Match</b> ({@link #match}): one replica at a time (a transaction-scoped advisory lock; the others skip)
 *       reads the undispatched events, and for each enabled rule that listens to it records one notification per
 *       channel, PENDING, or SUPPRESSED when the rule already notified about {@code maxPerHour} events in the last
 *       hour, and marks the event dispatched, all in one transaction. The UNIQUE (event, rule, channel) key makes a
 *       repeated match a no-op; holding the lock makes the rate limit exact.
 *   <li><b>Send</b> ({@link #sendDue}): each due PENDING notification is locked FOR UPDATE SKIP LOCKED by the
 *       replica that sends it (another replica skips it), sent, and recorded SENT in the same transaction; a failure
 *       is retried with doubling back-off up to {@code max-attempts}, then recorded FAILED.
 * </ol>
 *
 * A crash between a successful send and its commit sends that notification again after the restart (at least
 * once); nothing else sends twice.
 */
@ApplicationScoped
public class NotificationDispatcher {

    private static final Logger LOG = Logger.getLogger(NotificationDispatcher.class);
    /** pg_advisory_xact_lock key of the match step ("BDINOTIF" in ASCII). */
    static final long MATCH_LOCK = 0x4244494E4F544946L;

    static final String EMAIL = "EMAIL";
    static final String WEBHOOK = "WEBHOOK";

    private final SuiteEventStore events;
    private final NotificationRuleStore rules;
    private final NotificationDeliveryStore deliveries;
    private final NotificationRules ruleSecrets;
    private final Destinations destinations;
    private final MailChannel mail;
    private final WebhookChannel webhook;
    private final MonitoringMetrics metrics;
    private final NotificationConfig config;

    public NotificationDispatcher(
            SuiteEventStore events,
            NotificationRuleStore rules,
            NotificationDeliveryStore deliveries,
            NotificationRules ruleSecrets,
            Destinations destinations,
            MailChannel mail,
            WebhookChannel webhook,
            MonitoringMetrics metrics,
            NotificationConfig config) {
        this.events = events;
        this.rules = rules;
        this.deliveries = deliveries;
        this.ruleSecrets = ruleSecrets;
        this.destinations = destinations;
        this.mail = mail;
        this.webhook = webhook;
        this.metrics = metrics;
        this.config = config;
    }

    /** What one round did: events matched (0 when another replica held the match lock) and notifications tried. */
    public record Round(int eventsMatched, int notificationsTried) {}

    /** Matches new events to the rules, then sends what is due. */
    public Round dispatch() {
        int matched = QuarkusTransaction.requiringNew().call(this::match);
        return new Round(matched, sendDue());
    }

    int match() {
        if (!events.tryLockDispatch(MATCH_LOCK)) {
            return 0;
        }
        List<SuiteEvent> batch = events.undispatched(config.batchSize());
        for (SuiteEvent event : batch) {
            metrics.event(event.kind());
            for (NotificationRuleRow rule : rules.enabledFor(event.kind().name())) {
                if (rule.subject() == null || rule.subject().equals(event.subject())) {
                    notify(event, rule);
                }
            }
            events.markDispatched(event.id());
        }
        return batch.size();
    }

    private void notify(SuiteEvent event, NotificationRuleRow rule) {
        boolean suppressed = deliveries.eventsNotifiedInLastHour(rule.id()) >= rule.maxPerHour();
        String status = suppressed ? "SUPPRESSED" : "PENDING";
        for (String channel : channels(rule)) {
            deliveries.add(event.id(), rule.id(), rule.name(), channel, status);
            if (suppressed) {
                metrics.notification(channel, status);
            }
        }
        if (suppressed) {
            LOG.warnf(
                    "Notification rule %s reached its limit of %d events per hour: event %d (%s %s) is not sent",
                    rule.name(), rule.maxPerHour(), event.id(), event.kind(), event.subject());
        }
    }

    private static List<String> channels(NotificationRuleRow rule) {
        List<String> channels = new ArrayList<>();
        if (!rule.emailRecipients().isEmpty()) {
            channels.add(EMAIL);
        }
        if (rule.webhookDestination() != null) {
            channels.add(WEBHOOK);
        }
        return channels;
    }

    /**
     * Sends due notifications, each in its own transaction, until none is due or a batch is done. An unexpected
     * failure (a secret that does not open, a broken record) rolls that transaction back and is then recorded as a
     * failed attempt in a transaction of its own, so one bad notification never blocks the others.
     */
    int sendDue() {
        int tried = 0;
        while (tried < config.batchSize()) {
            AtomicReference<NotificationDeliveryRow> claimed = new AtomicReference<>();
            try {
                boolean sentOne = QuarkusTransaction.requiringNew()
                        .timeout(Math.toIntExact(config.webhookTimeout().toSeconds() * 3 + 30))
                        .call(() -> sendOne(claimed));
                if (!sentOne) {
                    return tried;
                }
            } catch (RuntimeException e) {
                NotificationDeliveryRow delivery = claimed.get();
                if (delivery == null) {
                    throw e;
                }
                String reference = UUID.randomUUID().toString();
                LOG.errorf(e, "Notification %d failed (reference %s)", delivery.id(), reference);
                QuarkusTransaction.requiringNew()
                        .run(() -> failedAttempt(
                                delivery,
                                delivery.attempts() + 1,
                                "an internal error (reference " + reference + " in the service log)"));
            }
            tried++;
        }
        return tried;
    }

    private boolean sendOne(AtomicReference<NotificationDeliveryRow> claimed) {
        Optional<NotificationDeliveryRow> due = deliveries.claimDue();
        if (due.isEmpty()) {
            return false;
        }
        NotificationDeliveryRow delivery = due.get();
        claimed.set(delivery);
        int attempt = delivery.attempts() + 1;
        try {
            send(delivery);
            deliveries.sent(delivery.id(), attempt);
            metrics.notification(delivery.channel(), "SENT");
        } catch (NotificationFailure e) {
            failedAttempt(delivery, attempt, e.getMessage());
        }
        return true;
    }

    private void send(NotificationDeliveryRow delivery) throws NotificationFailure {
        NotificationRuleRow rule = rules.findById(delivery.ruleId())
                .orElseThrow(() -> new NotificationFailure("The rule " + delivery.ruleName() + " was deleted"));
        SuiteEvent event = events.byIds(List.of(delivery.eventId())).stream()
                .findFirst()
                .orElseThrow(() -> new NotificationFailure("The event " + delivery.eventId() + " was purged"));
        if (EMAIL.equals(delivery.channel())) {
            mail.send(rule.emailRecipients(), event);
            return;
        }
        if (rule.webhookDestination() == null) {
            throw new NotificationFailure("The rule " + rule.name() + " no longer has a webhook");
        }
        try {
            webhook.send(
                    destinations.webhookTarget(rule.webhookDestination()),
                    ruleSecrets.webhookSecret(rule),
                    rule.name(),
                    event);
        } catch (ResourceNotFoundException e) {
            throw new NotificationFailure("The destination " + rule.webhookDestination() + " was deleted");
        }
    }

    private void failedAttempt(NotificationDeliveryRow delivery, int attempt, String reason) {
        if (attempt >= config.maxAttempts()) {
            deliveries.failed(delivery.id(), delivery.attempts(), attempt, reason);
            metrics.notification(delivery.channel(), "FAILED");
            LOG.errorf(
                    "Notification %d (%s of rule %s) failed after %d attempts: %s",
                    delivery.id(), delivery.channel(), delivery.ruleName(), attempt, reason);
            return;
        }
        Duration wait = backoff(attempt);
        deliveries.retryAt(
                delivery.id(),
                delivery.attempts(),
                attempt,
                OffsetDateTime.now().plus(wait),
                reason);
        metrics.notification(delivery.channel(), "RETRIED");
        LOG.warnf(
                "Notification %d (%s of rule %s), attempt %d failed, next in %ds: %s",
                delivery.id(), delivery.channel(), delivery.ruleName(), attempt, wait.toSeconds(), reason);
    }

    /** backoff, 2 x backoff, 4 x backoff, ... up to max-backoff. */
    Duration backoff(int failedAttempts) {
        Duration wait = config.backoff();
        for (int i = 1; i < failedAttempts && wait.compareTo(config.maxBackoff()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : wait;
    }
}
