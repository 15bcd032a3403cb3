package org.bdisuite.batchadmin.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Notifications (rules, dispatcher, channels) and freshness checks (suite.notifications.*). */
@ConfigMapping(prefix = "suite.notifications")
public interface NotificationConfig {

    /**
     * Whether this replica looks for new events, dispatches notifications and checks freshness on its schedule
     * (suite.notifications.enabled, env SUITE_NOTIFICATIONS_ENABLED). Replicas share the work; only one dispatches
     * at a time.
     */
    @WithDefault("true")
    boolean enabled();

    /** How often the dispatcher runs (suite.notifications.interval). */
    @WithDefault("10s")
    Duration interval();

    /**
     * How far back a replica looks at its start for job executions that ended FAILED / ABANDONED / COMPLETED
     * (suite.notifications.scan-lookback); later looks continue from the previous one.
     */
    @WithDefault("24h")
    Duration scanLookback();

    /** Attempts per notification before it is recorded FAILED (suite.notifications.max-attempts). */
    @WithDefault("5")
    int maxAttempts();

    /** The wait after the first failed attempt; it doubles after each further one (suite.notifications.backoff). */
    @WithDefault("30s")
    Duration backoff();

    /** The longest wait between two attempts (suite.notifications.max-backoff). */
    @WithDefault("1h")
    Duration maxBackoff();

    /** How long one webhook call may take, connection and answer (suite.notifications.webhook-timeout). */
    @WithDefault("10s")
    Duration webhookTimeout();

    /** Events matched per dispatcher run (suite.notifications.batch-size). */
    @WithDefault("100")
    int batchSize();
}
