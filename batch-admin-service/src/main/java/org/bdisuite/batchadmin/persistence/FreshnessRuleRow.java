package org.bdisuite.batchadmin.persistence;

import java.time.OffsetDateTime;

/** A row of freshness_rule: the subject must succeed at least every {@code maxAgeHours} hours. */
public record FreshnessRuleRow(long id, String kind, String subject, int maxAgeHours, OffsetDateTime createdAt) {}
