package org.bdisuite.runtime.events;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * One recorded occurrence (a row of suite_event).
 *
 * @param occurrenceKey what makes it one occurrence, for example {@code job-execution:42:FAILED}
 * @param details       what the operator needs to know about it (job execution id, exit status, run id, ...)
 */
public record SuiteEvent(
        long id,
        SuiteEventKind kind,
        String subject,
        String occurrenceKey,
        Map<String, Object> details,
        OffsetDateTime createdAt) {}
