package org.bdisuite.exporter.schedule.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.Set;
import org.bdisuite.exporter.api.ExportOperation;
import org.bdisuite.exporter.api.ScheduleConfiguration;
import org.bdisuite.exporter.common.ExporterClock;
import org.bdisuite.exporter.common.ExporterRule;
import org.bdisuite.exporter.schedule.persistence.DeliveryRecords;
import org.bdisuite.exporter.schedule.persistence.ExportRun;
import org.bdisuite.exporter.schedule.persistence.ExportRunRepository;
import org.bdisuite.exporter.schedule.persistence.ExportSchedule;
import org.bdisuite.exporter.schedule.persistence.ExportScheduleRepository;
import org.bdisuite.exporter.schedule.persistence.ExportScheduleRepository.Returned;
import org.bdisuite.exporter.schedule.persistence.ExportScheduleRepository.RunConfiguration;
import org.bdisuite.exporter.schedule.persistence.ScheduleState;
import org.bdisuite.runtime.tracing.TraceParents;

/**
 * The instance's way through a run: startExport takes it from the gateway to RUNNING and opens a ledger row; when
 * the export returns, the instance goes back to the gateway (applying an edit that arrived meanwhile) or ends (a
 * cancel arrived meanwhile), in the transaction that records the run's end ({@link RunRecords}). The start is its
 * own short transaction: the export itself runs outside any.
 */
@ApplicationScoped
public class ScheduleRuns {

    private final ExportScheduleRepository schedules;
    private final ExportRunRepository runs;
    private final Histories histories;
    private final ExporterClock clock;
    private final DeliveryRecords deliveries;

    public ScheduleRuns(
            ExportScheduleRepository schedules,
            ExportRunRepository runs,
            Histories histories,
            ExporterClock clock,
            DeliveryRecords deliveries) {
        this.schedules = schedules;
        this.runs = runs;
        this.histories = histories;
        this.clock = clock;
        this.deliveries = deliveries;
    }

    /**
     * What an export needs: the run's ledger row and the configuration it runs with; for a retry, what the run
     * already did (read in its start's transaction, so that a new run pays no query for what it cannot have).
     *
     * @param retry     whether the run ran before (a retry: its files may be recorded, some deliveries made)
     * @param delivered the operations the run had delivered when it started (empty for a new run)
     */
    public record StartedRun(
            long runId,
            String businessKey,
            ScheduleConfiguration configuration,
            String from,
            String user,
            LocalDate fireDate,
            OffsetDateTime startedAt,
            boolean retry,
            Set<ExportOperation> delivered) {

        /** A run that starts for the first time. */
        StartedRun(
                long runId,
                String businessKey,
                ScheduleConfiguration configuration,
                String from,
                String user,
                LocalDate fireDate,
                OffsetDateTime startedAt) {
            this(runId, businessKey, configuration, from, user, fireDate, startedAt, false, Set.of());
        }
    }

    /**
     * startExport: 409 when the instance is cancelled (or being cancelled) or already running. Two statements (the
     * schedule to RUNNING, the run's row) and no entity: the start is part of every run's fixed cost.
     */
    @Transactional
    public StartedRun start(String businessKey, String from, String user) {
        OffsetDateTime now = clock.now();
        RunConfiguration configuration = schedules
                .startRun(businessKey, now)
                .or(() -> refuseOrStart(businessKey, now))
                .orElseThrow();
        LocalDate fireDate = now.atZoneSameInstant(
                        java.time.ZoneId.of(configuration.configuration().timezone()))
                .toLocalDate();
        long runId = runs.insertRunning(
                businessKey, fireDate, from, user, now, configuration.json(), TraceParents.currentTraceId());
        return new StartedRun(runId, businessKey, configuration.configuration(), from, user, fireDate, now);
    }

    /**
     * Why the schedule was not at its gateway, as a 404 or 409; a schedule that reached its gateway since (its
     * run ended in between) is started now, under the lock taken here.
     */
    private Optional<RunConfiguration> refuseOrStart(String businessKey, OffsetDateTime now) {
        ExportSchedule schedule = schedules.lock(businessKey);
        Schedules.refuseWhenTerminating(schedule, "startExport");
        if (schedule.getState() == ScheduleState.RUNNING) {
            throw ExporterRule.SCHEDULE_RUNNING.refusal(
                    "Export schedule " + businessKey + " is running an export; startExport is refused");
        }
        return schedules.startRun(businessKey, now);
    }

    /** Why the daily run did not start a due schedule's export. */
    public enum NotStarted {
        /** Cancelled meanwhile: nothing to do. */
        CANCELLED,
        /** The ledger already holds this schedule's run for the day (another replica or an earlier trigger). */
        ALREADY_RUN,
        /** A user is running it right now: try again later in the same daily run. */
        BUSY
    }

    /** Either the started run or why it did not start. */
    public record ScheduledStart(StartedRun run, NotStarted notStarted) {}

    /**
     * startExport sent by the daily run: claims the ledger row (business key, the schedule's local date) and starts
     * the export. The claim is an INSERT ... ON CONFLICT DO NOTHING on the UNIQUE index, so of any number of
     * replicas or triggers exactly one gets it.
     */
    @Transactional
    public ScheduledStart startScheduled(String businessKey, String user) {
        ExportSchedule schedule = schedules.lock(businessKey);
        if (schedule.isTerminating()) {
            return new ScheduledStart(null, NotStarted.CANCELLED);
        }
        OffsetDateTime now = clock.now();
        LocalDate fireDate = now.atZoneSameInstant(
                        java.time.ZoneId.of(schedule.getConfiguration().timezone()))
                .toLocalDate();
        if (runs.scheduledRunExists(businessKey, fireDate)) {
            return new ScheduledStart(null, NotStarted.ALREADY_RUN);
        }
        if (schedule.getState() == ScheduleState.RUNNING) {
            return new ScheduledStart(null, NotStarted.BUSY);
        }
        Long runId = runs.claimScheduledRun(businessKey, fireDate, user, now);
        if (runId == null) {
            return new ScheduledStart(null, NotStarted.ALREADY_RUN);
        }
        ExportRun claimed = runs.findById(runId);
        claimed.startedWith(schedule.getConfiguration());
        claimed.tracedBy(TraceParents.currentTraceId());
        schedule.startRun(now);
        return new ScheduledStart(
                new StartedRun(
                        runId, businessKey, schedule.getConfiguration(), ExportRun.FROM_SCHEDULE, user, fireDate, now),
                null);
    }

    /**
     * The RUNNING runs whose process stopped (no heartbeat since {@code heartbeatBefore}; without a heartbeat,
     * started before {@code startedBefore}), each with its own configuration.
     */
    @Transactional
    public java.util.List<StartedRun> interrupted(OffsetDateTime heartbeatBefore, OffsetDateTime startedBefore) {
        return runs.interrupted(heartbeatBefore, startedBefore).stream()
                .map(run -> new StartedRun(
                        run.getId(),
                        run.getBusinessKey(),
                        run.configurationOr(schedules.get(run.getBusinessKey()).getConfiguration()),
                        run.getStartedFrom(),
                        run.getStartedBy(),
                        run.getFireDate(),
                        run.getStartedAt()))
                .toList();
    }

    /**
     * Retries a failed run under its id, with the configuration the run started with (an edit made since applies
     * to later runs only): 409 unless the run failed and its schedule waits at the gateway.
     */
    @Transactional
    public StartedRun restart(long runId, String user) {
        ExportRun run = runs.findByIdOptional(runId)
                .orElseThrow(() -> new org.bdisuite.runtime.error.ResourceNotFoundException("No run " + runId));
        ExportSchedule schedule = schedules.lock(run.getBusinessKey());
        Schedules.refuseWhenTerminating(schedule, "a retry");
        if (schedule.getState() == ScheduleState.RUNNING) {
            throw ExporterRule.SCHEDULE_RUNNING.refusal(
                    "Export schedule " + run.getBusinessKey() + " is running an export; retry later");
        }
        if (run.getStatus() != org.bdisuite.exporter.schedule.persistence.RunStatus.FAILED) {
            throw ExporterRule.RUN_NOT_FAILED.refusal(
                    "Run " + runId + " is " + run.getStatus() + "; only a failed run is retried");
        }
        OffsetDateTime now = clock.now();
        run.retry(now);
        run.tracedBy(TraceParents.currentTraceId());
        schedule.startRun(now);
        return new StartedRun(
                runId,
                run.getBusinessKey(),
                run.configurationOr(schedule.getConfiguration()),
                run.getStartedFrom(),
                user,
                run.getFireDate(),
                run.getStartedAt(),
                true,
                deliveries.ofRun(runId));
    }

    /**
     * The export has returned: back to the gateway (with a pending edit applied), or the end after a cancel. Joins
     * the transaction that records the run's end; on its own only when that end could not be recorded.
     */
    @Transactional
    public void returnToGateway(String businessKey) {
        OffsetDateTime now = clock.now();
        Returned returned = schedules.returnToGateway(businessKey, now);
        if (returned.applied() != null) {
            histories.configChanged(businessKey, returned.applied(), returned.editor(), now);
        }
    }
}
