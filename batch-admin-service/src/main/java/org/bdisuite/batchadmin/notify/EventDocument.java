package org.bdisuite.batchadmin.notify;

import java.util.LinkedHashMap;
import java.util.Map;
import org.bdisuite.runtime.events.SuiteEvent;

/**
 * The documented JSON of a notification (the webhook's body, docs/ARCHITECTURE.md "Notifications and freshness"):
 * {@code {"id", "kind", "subject", "occurrence", "occurredAt", "rule", "details"}}, in this order.
 */
public final class EventDocument {

    private EventDocument() {}

    public static Map<String, Object> of(SuiteEvent event, String ruleName) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("id", event.id());
        document.put("kind", event.kind().name());
        document.put("subject", event.subject());
        document.put("occurrence", event.occurrenceKey());
        document.put("occurredAt", event.createdAt().toInstant().toString());
        document.put("rule", ruleName);
        document.put("details", event.details());
        return document;
    }

    /** One line per detail, for a mail's text. */
    public static String text(SuiteEvent event) {
        StringBuilder text = new StringBuilder()
                .append(event.kind().name())
                .append(": ")
                .append(event.subject())
                .append("\n\nOccurred at ")
                .append(event.createdAt().toInstant())
                .append(" (event ")
                .append(event.id())
                .append(", ")
                .append(event.occurrenceKey())
                .append(")\n\n");
        event.details()
                .forEach((name, value) ->
                        text.append(name).append(": ").append(value).append('\n'));
        return text.toString();
    }
}
