package org.bdisuite.batchadmin.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.bdisuite.batchadmin.persistence.NotificationDeliveryStore;
import org.bdisuite.runtime.persistence.SuiteEventStore;
import org.bdisuite.runtime.retention.Purger;
import org.bdisuite.runtime.retention.Reclaimed;
import org.bdisuite.runtime.retention.RetentionConfig;

/**
 * NOTIFICATION_HISTORY: notifications that ended (sent, failed, suppressed) and events already dispatched, recorded
 * before the cutoff (suite.retention.notification-history). Pending notifications and undispatched events stay.
 */
@ApplicationScoped
public class NotificationHistoryPurger implements Purger {

    private final NotificationDeliveryStore deliveries;
    private final SuiteEventStore events;
    private final RetentionConfig config;

    public NotificationHistoryPurger(
            NotificationDeliveryStore deliveries, SuiteEventStore events, RetentionConfig config) {
        this.deliveries = deliveries;
        this.events = events;
        this.config = config;
    }

    @Override
    public String kind() {
        return "NOTIFICATION_HISTORY";
    }

    @Override
    public Duration retention() {
        return config.notificationHistory();
    }

    @Override
    @Transactional
    public Reclaimed purge(OffsetDateTime cutoff, boolean dryRun) {
        return deliveries.purgeEndedBefore(cutoff, dryRun).plus(events.purgeDispatchedBefore(cutoff, dryRun));
    }
}
