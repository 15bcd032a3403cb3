package org.bdisuite.exporter.schedule.service;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.bdisuite.exporter.api.ProcessSchedulesVo;
import org.bdisuite.exporter.config.ExporterConfig;
import org.bdisuite.exporter.config.ExporterConfig.MissedDayPolicy;
import org.jboss.logging.Logger;

/**
 * The scheduled task: processSchedules once a day. The Quartz job store is clustered (quarkus.quartz.clustered), so
 * one replica fires it; the run ledger makes a second firing (a misfire, a re-trigger, another replica) harmless.
 */
@ApplicationScoped
public class DailyTrigger {

    /** The audit's user of exports the daily run starts. */
    public static final String SCHEDULER_USER = "scheduler";

    private static final Logger LOG = Logger.getLogger(DailyTrigger.class);

    private final DailyRun dailyRun;
    private final ExporterConfig config;

    public DailyTrigger(DailyRun dailyRun, ExporterConfig config) {
        this.dailyRun = dailyRun;
        this.config = config;
    }

    @Scheduled(
            identity = "exporter-process-schedules",
            cron = "{suite.exporter.daily.cron}",
            timeZone = "{suite.exporter.daily.timezone}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Disabled.class)
    void fire() {
        dailyRun.processSchedules(SCHEDULER_USER);
    }

    /** At start: process a day missed while the service was down, once (policy once) or not at all (skip). */
    void onStart(@Observes StartupEvent started) {
        if (config.daily().enabled()) {
            // Not on the start-up thread: the service becomes ready while the missed exports run.
            Thread thread = new Thread(
                    () -> {
                        try {
                            catchUpMissedDay();
                        } catch (RuntimeException e) {
                            LOG.error("Processing the missed day at start failed", e);
                        }
                    },
                    "exporter-missed-day");
            thread.setDaemon(true);
            thread.start();
        }
    }

    public Optional<ProcessSchedulesVo> catchUpMissedDay() {
        if (config.daily().missedDayPolicy() == MissedDayPolicy.skip || !dailyRun.missedToday()) {
            return Optional.empty();
        }
        LOG.info("Today's export run was missed (the service was down): processing the due schedules once now");
        return Optional.of(dailyRun.processSchedules(SCHEDULER_USER));
    }

    /** Skips the trigger when suite.exporter.daily.enabled is false. */
    @Singleton
    public static class Disabled implements Scheduled.SkipPredicate {

        private final ExporterConfig config;

        public Disabled(ExporterConfig config) {
            this.config = config;
        }

        @Override
        public boolean test(ScheduledExecution execution) {
            return !config.daily().enabled();
        }
    }
}
