package org.bdisuite.runtime.retention;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * How long each kind of finished data is kept before the purge deletes it (suite.retention.*, every service reads
 * the kinds it owns). An age is measured from when the data finished: a transaction's end, an execution's end, a
 * run's end, an event's creation.
 */
@ConfigMapping(prefix = "suite.retention")
public interface RetentionConfig {

    /** Whether this service purges on its schedule (suite.retention.enabled); the purge API works either way. */
    @WithDefault("true")
    boolean enabled();

    /** How often the scheduled purge runs (suite.retention.interval). */
    @WithDefault("1h")
    Duration interval();

    /** Receiver transactions imported (or without data) or expired: folders and rows (receiver). */
    @WithDefault("30d")
    Duration receiverData();

    /** Ended job instances: their executions, steps and partitions in the JBeret tables (batch-admin). */
    @WithDefault("90d")
    Duration jobHistory();

    /** Notification history: dispatched suite events and their sent / failed / suppressed notifications. */
    @WithDefault("90d")
    Duration notificationHistory();

    /** Files (and file rows) of ended export runs (exporter). */
    @WithDefault("30d")
    Duration exportRunFiles();

    /** Services file-export jobs that ended (expired or failed): their rows and any folder left (exporter). */
    @WithDefault("7d")
    Duration fileJobFiles();

    /** Audit and configuration history (exporter: reporting_audit and configs history events). */
    @WithDefault("365d")
    Duration auditHistory();
}
