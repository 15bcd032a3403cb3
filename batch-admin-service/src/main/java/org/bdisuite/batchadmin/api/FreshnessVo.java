package org.bdisuite.batchadmin.api;

import java.time.OffsetDateTime;

/**
 * A subject's freshness: its rule (when it has one) and when it last succeeded.
 *
 * @param kind                JOB, EXPORT_SCHEDULE or INTERFACE_MODULE
 * @param maxAgeHours         its rule's limit, or null without a rule
 * @param lastSuccessAt       its last success, or null when none is recorded
 * @param secondsSinceSuccess seconds since then, or null
 * @param fresh               false when a rule exists and the subject has not succeeded within it
 */
public record FreshnessVo(
        String kind,
        String subject,
        Integer maxAgeHours,
        OffsetDateTime lastSuccessAt,
        Long secondsSinceSuccess,
        boolean fresh) {}
