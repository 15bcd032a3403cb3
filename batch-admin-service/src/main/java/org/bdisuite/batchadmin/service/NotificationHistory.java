package org.bdisuite.batchadmin.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.bdisuite.batchadmin.api.NotificationHistoryVo;
import org.bdisuite.batchadmin.api.NotificationVo;
import org.bdisuite.batchadmin.api.SuiteEventVo;
import org.bdisuite.batchadmin.persistence.NotificationDeliveryRow;
import org.bdisuite.batchadmin.persistence.NotificationDeliveryStore;
import org.bdisuite.runtime.error.InvalidRequestException;
import org.bdisuite.runtime.events.SuiteEvent;
import org.bdisuite.runtime.persistence.SuiteEventStore;

/** The notification history (sent / failed / suppressed / pending), newest first, with the events they were about. */
@ApplicationScoped
public class NotificationHistory {

    private static final Set<String> STATUSES = Set.of("PENDING", "SENT", "FAILED", "SUPPRESSED");
    static final int MAX_SIZE = 500;

    private final NotificationDeliveryStore deliveries;
    private final SuiteEventStore events;

    public NotificationHistory(NotificationDeliveryStore deliveries, SuiteEventStore events) {
        this.deliveries = deliveries;
        this.events = events;
    }

    @Transactional
    public NotificationHistoryVo list(String status, String rule, Long before, int size) {
        if (status != null && !STATUSES.contains(status)) {
            throw InvalidRequestException.forField("status", "must be PENDING, SENT, FAILED or SUPPRESSED");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw InvalidRequestException.forField("size", "must be 1 to " + MAX_SIZE);
        }
        if (before != null && before < 1) {
            throw InvalidRequestException.forField("before", "must be a notification id (1 or more)");
        }
        List<NotificationDeliveryRow> page = deliveries.history(status, rule, before, size + 1);
        boolean more = page.size() > size;
        List<NotificationDeliveryRow> shown = more ? page.subList(0, size) : page;
        Map<Long, SuiteEvent> byId =
                events
                        .byIds(shown.stream()
                                .map(NotificationDeliveryRow::eventId)
                                .distinct()
                                .toList())
                        .stream()
                        .collect(Collectors.toMap(SuiteEvent::id, Function.identity()));
        List<NotificationVo> notifications = shown.stream()
                .map(row -> new NotificationVo(
                        row.id(),
                        row.ruleName(),
                        row.channel(),
                        row.status(),
                        row.attempts(),
                        row.lastError(),
                        row.createdAt(),
                        row.updatedAt(),
                        eventVo(byId.get(row.eventId()))))
                .toList();
        return new NotificationHistoryVo(
                notifications, more ? shown.get(shown.size() - 1).id() : null);
    }

    private static SuiteEventVo eventVo(SuiteEvent event) {
        return event == null
                ? null
                : new SuiteEventVo(
                        event.id(),
                        event.kind().name(),
                        event.subject(),
                        event.occurrenceKey(),
                        event.createdAt(),
                        event.details());
    }
}
