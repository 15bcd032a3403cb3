package org.bdisuite.batchadmin.service;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.bdisuite.batchadmin.config.NotificationConfig;
import org.jboss.logging.Logger;

/**
 * The schedule of notifications and freshness on every replica: look for ended job executions, check freshness
 * rules (and refresh the gauges), then dispatch (one replica matches at a time; sending is shared).
 */
@ApplicationScoped
public class MonitoringCycle {

    private static final Logger LOG = Logger.getLogger(MonitoringCycle.class);

    private final JobExecutionEvents jobEvents;
    private final FreshnessChecks freshness;
    private final NotificationDispatcher dispatcher;
    private final NotificationConfig config;

    public MonitoringCycle(
            JobExecutionEvents jobEvents,
            FreshnessChecks freshness,
            NotificationDispatcher dispatcher,
            NotificationConfig config) {
        this.jobEvents = jobEvents;
        this.freshness = freshness;
        this.dispatcher = dispatcher;
        this.config = config;
    }

    /** The gauges are there from the start, not only after the first round. */
    void start(@Observes StartupEvent started) {
        if (config.enabled()) {
            run();
        }
    }

    @Scheduled(
            every = "${suite.notifications.interval:10s}",
            delayed = "${suite.notifications.interval:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "notifications-and-freshness")
    void scheduled() {
        if (config.enabled()) {
            run();
        }
    }

    private void run() {
        try {
            jobEvents.scan();
            freshness.check();
            dispatcher.dispatch();
        } catch (RuntimeException e) {
            // The next round tries again; nothing recorded is lost (events and notifications are rows).
            LOG.errorf(e, "A round of notifications and freshness checks failed");
        }
    }
}
