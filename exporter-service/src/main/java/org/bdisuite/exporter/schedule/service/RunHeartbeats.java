package org.bdisuite.exporter.schedule.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.bdisuite.exporter.common.ExporterClock;
import org.bdisuite.exporter.config.ExporterConfig;
import org.bdisuite.exporter.schedule.persistence.ExportRunRepository;
import org.jboss.logging.Logger;

/**
 * The heartbeat of the runs this replica executes. Every suite.exporter.run-heartbeat.interval it renews their
 * heartbeat, then fails the runs of any replica whose heartbeat stopped (its process died mid-run,
 * {@link DailyRun#recoverInterruptedRuns()}), so an interrupted run is found within about
 * suite.exporter.run-heartbeat.stale-after by whichever replica is alive, and a long export on a live replica is
 * never taken for a dead one.
 */
@ApplicationScoped
public class RunHeartbeats {

    private static final Logger LOG = Logger.getLogger(RunHeartbeats.class);

    private final ExportRunRepository runs;
    private final DailyRun dailyRun;
    private final ExporterConfig config;
    private final ExporterClock clock;
    private final Set<Long> held = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService timer;

    public RunHeartbeats(ExportRunRepository runs, DailyRun dailyRun, ExporterConfig config, ExporterClock clock) {
        this.runs = runs;
        this.dailyRun = dailyRun;
        this.config = config;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent started) {
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "exporter-run-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        long every = config.runHeartbeat().interval().toMillis();
        timer.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent stopping) {
        timer.shutdownNow();
    }

    /** The run is executed here from now on: its heartbeat is renewed until {@link #released}. */
    public void holding(long runId) {
        held.add(runId);
    }

    public void released(long runId) {
        held.remove(runId);
    }

    /** One heartbeat: renew the held runs, then fail those that lost theirs. A failing step waits for the next. */
    public void tick() {
        try {
            List<Long> ids = List.copyOf(held);
            QuarkusTransaction.requiringNew().run(() -> runs.heartbeat(ids, clock.now()));
        } catch (RuntimeException e) {
            LOG.warn("The export runs' heartbeat failed; retrying on the next one", e);
            return;
        }
        try {
            dailyRun.recoverInterruptedRuns();
        } catch (RuntimeException e) {
            LOG.warn("Looking for interrupted export runs failed; retrying on the next heartbeat", e);
        }
    }
}
