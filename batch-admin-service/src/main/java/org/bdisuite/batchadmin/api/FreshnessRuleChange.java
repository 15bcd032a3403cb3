package org.bdisuite.batchadmin.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** A freshness rule's limit: the subject must succeed at least every {@code maxAgeHours} hours (1 to 8760). */
public record FreshnessRuleChange(
        @NotNull @Min(1) @Max(8760) Integer maxAgeHours) {}
