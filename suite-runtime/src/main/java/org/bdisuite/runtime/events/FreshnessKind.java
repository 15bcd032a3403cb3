package org.bdisuite.runtime.events;

/** What a freshness record and a freshness rule are about (suite_freshness.kind, freshness_rule.kind). */
public enum FreshnessKind {
    /** A job, by name: its last COMPLETED execution. */
    JOB,
    /** An export schedule, by business key: its last SUCCEEDED run. */
    EXPORT_SCHEDULE,
    /** An interface module: its importer's last COMPLETED execution. */
    INTERFACE_MODULE
}
