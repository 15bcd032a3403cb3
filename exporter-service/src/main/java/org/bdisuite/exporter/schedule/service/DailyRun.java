package org.bdisuite.exporter.schedule.service;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.bdisuite.exporter.api.ProcessSchedulesVo;
import org.bdisuite.exporter.api.RunVo;
import org.bdisuite.exporter.common.ExporterClock;
import org.bdisuite.exporter.config.ExporterConfig;
import org.bdisuite.exporter.schedule.persistence.DailyRunList;
import org.bdisuite.exporter.schedule.persistence.ExportRunRepository;
import org.bdisuite.exporter.schedule.persistence.ExportSchedule;
import org.bdisuite.exporter.schedule.persistence.ExportScheduleRepository;
import org.bdisuite.exporter.schedule.service.ScheduleRuns.ScheduledStart;
import org.jboss.logging.Logger;

/**
 * The GOSS Data Exporter's processSchedules and processNextSchedule: builds the list of schedules due today (each in its own
 * timezone), stores it, then exports them one at a time, removing each key when its export is done. An export that
 * fails is recorded and the run moves on. Exactly-once comes from the run ledger, not from this loop: two replicas
 * (or a re-trigger) may walk the same list, and each key's export is claimed by exactly one of them.
 */
@ApplicationScoped
public class DailyRun {

    private static final Logger LOG = Logger.getLogger(DailyRun.class);
    private static final AttributeKey<String> USER = AttributeKey.stringKey("bdi.export.user");

    private final ExportScheduleRepository schedules;
    private final ExportRunRepository runs;
    private final DailyRunList list;
    private final ScheduleRuns scheduleRuns;
    private final Exports exports;
    private final ExporterClock clock;
    private final ExporterConfig config;
    private final RunRecords records;
    private final ExportTracing tracing;

    public DailyRun(
            ExportScheduleRepository schedules,
            ExportRunRepository runs,
            DailyRunList list,
            ScheduleRuns scheduleRuns,
            Exports exports,
            ExporterClock clock,
            ExporterConfig config,
            RunRecords records,
            ExportTracing tracing) {
        this.records = records;
        this.tracing = tracing;
        this.schedules = schedules;
        this.runs = runs;
        this.list = list;
        this.scheduleRuns = scheduleRuns;
        this.exports = exports;
        this.clock = clock;
        this.config = config;
    }

    /** The day of the daily run: today in the trigger's timezone. */
    public LocalDate runDate() {
        return clock.instant().atZone(ZoneId.of(config.daily().timezone())).toLocalDate();
    }

    /** The daily run as one span: the trace of every export it starts (a child of the API call when one sent it). */
    public ProcessSchedulesVo processSchedules(String user) {
        return tracing.inSpan("daily run", Attributes.of(USER, user), () -> process(user));
    }

    private ProcessSchedulesVo process(String user) {
        recoverInterruptedRuns();
        LocalDate runDate = runDate();
        List<String> due = QuarkusTransaction.requiringNew().call(() -> {
            List<String> keys = dueNow(clock.instant());
            list.store(runDate, keys, clock.now());
            return keys;
        });
        LOG.infof("processSchedules for %s: %d due", runDate, due.size());
        List<RunVo> done = new ArrayList<>();
        for (int pass = 0; pass <= config.daily().busyRetries(); pass++) {
            List<String> remaining = QuarkusTransaction.requiringNew().call(() -> list.remaining(runDate));
            if (remaining.isEmpty()) {
                break;
            }
            boolean progressed = false;
            for (String businessKey : remaining) {
                progressed |= processOne(runDate, businessKey, user, done);
            }
            if (!progressed) {
                pause();
            }
        }
        QuarkusTransaction.requiringNew().run(() -> list.completeIfEmpty(runDate, clock.now()));
        return new ProcessSchedulesVo(runDate, due, done);
    }

    /**
     * Ends runs whose process stopped mid-run (no heartbeat for suite.exporter.run-heartbeat.stale-after; a run
     * recorded before heartbeats: still RUNNING after suite.exporter.stale-run-after): FAILED, audited and logged,
     * the schedule back at its gateway; a retry then delivers only what was not delivered. Every replica runs this
     * on its heartbeat, and before each daily run; each such run is failed by exactly one of them.
     */
    public int recoverInterruptedRuns() {
        OffsetDateTime now = clock.now();
        OffsetDateTime heartbeatBefore = now.minus(config.runHeartbeat().staleAfter());
        OffsetDateTime startedBefore = now.minus(config.staleRunAfter());
        int recovered = 0;
        for (ScheduleRuns.StartedRun run : scheduleRuns.interrupted(heartbeatBefore, startedBefore)) {
            String error = "The run was interrupted (the service stopped during it);"
                    + " retry it with POST /exporter/runs/" + run.runId() + "/retry";
            if (records.interrupted(run, heartbeatBefore, startedBefore, error)) {
                LOG.warnf("Run %d of %s was interrupted (no heartbeat); marked failed", run.runId(), run.businessKey());
                recovered++;
            }
        }
        return recovered;
    }

    /** The business keys of the live schedules due at this instant, each on its own local date, not yet run. */
    List<String> dueNow(Instant at) {
        List<String> due = new ArrayList<>();
        for (ExportSchedule schedule : schedules.live()) {
            LocalDate localDate =
                    at.atZone(ZoneId.of(schedule.getConfiguration().timezone())).toLocalDate();
            if (schedule.getConfiguration().frequency().isDueOn(localDate)
                    && !runs.scheduledRunExists(schedule.getBusinessKey(), localDate)) {
                due.add(schedule.getBusinessKey());
            }
        }
        return due;
    }

    /** processNextSchedule for one key: export it unless done elsewhere; returns whether the key was settled. */
    private boolean processOne(LocalDate runDate, String businessKey, String user, List<RunVo> done) {
        ScheduledStart start;
        try {
            start = scheduleRuns.startScheduled(businessKey, user);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Could not start the export of %s", businessKey);
            remove(runDate, businessKey);
            return true;
        }
        if (start.notStarted() == ScheduleRuns.NotStarted.BUSY) {
            return false;
        }
        if (start.run() != null) {
            done.add(exports.execute(start.run()));
        }
        remove(runDate, businessKey);
        return true;
    }

    private void remove(LocalDate runDate, String businessKey) {
        QuarkusTransaction.requiringNew().run(() -> list.remove(runDate, businessKey));
    }

    /** Whether today's daily run has not happened although its time has passed (the service was down). */
    public boolean missedToday() {
        OffsetDateTime now = clock.now();
        LocalDate today = runDate();
        boolean stored = QuarkusTransaction.requiringNew().call(() -> list.exists(today));
        if (stored) {
            return false;
        }
        Instant startOfDay =
                today.atStartOfDay(ZoneId.of(config.daily().timezone())).toInstant();
        Instant firstFire = FireTimes.nextTrigger(config, startOfDay.minusMillis(1));
        return firstFire != null && !firstFire.isAfter(now.toInstant());
    }

    private static void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
