package org.bdisuite.exporter.schedule.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.bdisuite.exporter.api.ScheduleConfiguration;
import org.bdisuite.exporter.config.ExporterConfig;
import org.bdisuite.exporter.datasource.DataSources;
import org.bdisuite.exporter.datasource.persistence.RowStreamer;
import org.bdisuite.exporter.schedule.persistence.ExportRun;
import org.bdisuite.exporter.schedule.persistence.ExportRunRepository;
import org.bdisuite.exporter.schedule.persistence.RunStatus;
import org.bdisuite.runtime.error.ResourceNotFoundException;
import org.jboss.logging.Logger;

/**
 * The progress of running exports: the rows written so far and, when someone looks, the rows there are to write.
 *
 * <p>Written: the file generator tells every row to a counter in this replica's memory (a release store, nothing per
 * row reaches the database); every {@code suite.exporter.run-progress.interval} (1 s) a timer records the counters
 * of the runs that have been generating at least that long and wrote rows since, in one transaction that does not
 * wait for its WAL flush. A run shorter than the interval records nothing, so short exports (the benchmark's) pay
 * nothing but the store. On the COPY path the count costs no extra pass: CopyFilter parses COPY's CSV record by
 * record anyway (it rewrites values, quotes and all) and counts each record end it reaches outside quotes; counting
 * parts of a split export instead would show nothing for the most common export, a single file.
 *
 * <p>Read: the total is counted only when someone asks for a running run's progress (the console's progress bar):
 * the data source's query with the run's parameters, once, as count(*) with the data source's rights, and kept in
 * memory by run id until the run is seen ended, so that the export itself never pays for it. It is a display value:
 * rows may change while the export runs, so a bar never shows more done than its total.
 */
@ApplicationScoped
public class RunProgress {

    private static final Logger LOG = Logger.getLogger(RunProgress.class);
    /** Totals kept at most (runs looked at while running); beyond, the cache starts again (a recount, no harm). */
    private static final int MAX_TOTALS = 1000;
    /** A total that could not be counted (the query failed): not tried again for the same run. */
    private static final long UNCOUNTED = -1;

    private final ExportRunRepository runs;
    private final DataSources dataSources;
    private final RowStreamer rows;
    private final ExporterConfig config;
    private final Map<Long, Counter> counting = new ConcurrentHashMap<>();
    private final Map<Long, Long> totals = new ConcurrentHashMap<>();
    private ScheduledExecutorService timer;

    public RunProgress(ExportRunRepository runs, DataSources dataSources, RowStreamer rows, ExporterConfig config) {
        this.runs = runs;
        this.dataSources = dataSources;
        this.rows = rows;
        this.config = config;
    }

    /** A running run's rows written so far, as this replica counts them. */
    private static final class Counter {
        final long since = System.nanoTime();
        final AtomicLong rows = new AtomicLong();
        /** What the timer recorded last (only the timer's thread reads and writes it). */
        long recorded;
    }

    /**
     * A run's progress as a page shows it.
     *
     * @param runId       the run
     * @param outcome     RUNNING, SUCCEEDED or FAILED
     * @param rowsWritten rows written so far (all of them once it succeeded)
     * @param total       the rows there are to write (null when unknown: not running, or the count failed)
     */
    public record View(long runId, String outcome, long rowsWritten, Long total) {

        public boolean running() {
            return RunStatus.RUNNING.name().equals(outcome);
        }
    }

    void onStart(@Observes StartupEvent started) {
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "exporter-run-progress");
            thread.setDaemon(true);
            return thread;
        });
        long every = config.runProgress().interval().toMillis();
        timer.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent stopping) {
        timer.shutdownNow();
    }

    /** The run generates its files here from now on: what to tell each row written, until {@link #ended}. */
    public LongConsumer running(long runId) {
        Counter counter = new Counter();
        counting.put(runId, counter);
        // lazySet: an ordered store without a fence, the cheapest write another thread may read
        return counter.rows::lazySet;
    }

    public void ended(long runId) {
        counting.remove(runId);
    }

    /** Records the rows written of the runs generating for at least one interval that wrote rows since. */
    void tick() {
        long now = System.nanoTime();
        long interval = config.runProgress().interval().toNanos();
        Map<Long, Long> due = new HashMap<>();
        counting.forEach((runId, counter) -> {
            long written = counter.rows.get();
            if (now - counter.since >= interval && written != counter.recorded) {
                due.put(runId, written);
            }
        });
        if (due.isEmpty()) {
            return;
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> runs.recordProgress(due));
            due.forEach((runId, written) -> {
                Counter counter = counting.get(runId);
                if (counter != null) {
                    counter.recorded = written;
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("Recording the progress of running exports failed; retrying on the next tick", e);
        }
    }

    /** A run's progress; its total counted once while it runs. A 404 for an unknown run. */
    public View of(long runId) {
        Snapshot run = QuarkusTransaction.requiringNew()
                .call(() -> runs.findByIdOptional(runId).map(Snapshot::of))
                .orElseThrow(() -> new ResourceNotFoundException("No run " + runId));
        if (!run.running()) {
            totals.remove(runId);
            long done = run.rowCount() != null ? run.rowCount() : run.rowsWritten();
            return new View(runId, run.outcome(), done, run.rowCount());
        }
        Long total = totals.get(runId);
        if (total == null) {
            // Two first looks at once may both count: harmless, and no lock is held during a count.
            total = count(run);
            if (totals.size() >= MAX_TOTALS) {
                totals.clear();
            }
            totals.put(runId, total);
        }
        return new View(
                runId,
                run.outcome(),
                run.rowsWritten(),
                total == UNCOUNTED ? null : Math.max(total, run.rowsWritten()));
    }

    private long count(Snapshot run) {
        if (run.configuration() == null) {
            return UNCOUNTED;
        }
        try {
            ScheduleConfiguration configuration = run.configuration();
            return rows.count(dataSources.get(configuration.dataSource()).query(configuration.parameters()));
        } catch (RuntimeException e) {
            LOG.debugf(e, "Counting the rows of run %d failed; its progress shows no total", run.runId());
            return UNCOUNTED;
        }
    }

    /** What a progress view needs of the run's row, read in a short transaction. */
    private record Snapshot(
            long runId, String outcome, long rowsWritten, Long rowCount, ScheduleConfiguration configuration) {

        static Snapshot of(ExportRun run) {
            return new Snapshot(
                    run.getId(),
                    run.getStatus().name(),
                    Optional.ofNullable(run.getRowsWritten()).orElse(0L),
                    run.getRowCount(),
                    run.configurationOr(null));
        }

        boolean running() {
            return RunStatus.RUNNING.name().equals(outcome);
        }
    }
}
