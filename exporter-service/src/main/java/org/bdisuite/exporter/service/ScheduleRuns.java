package org.bdisuite.exporter.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.bdisuite.exporter.api.ScheduleConfiguration;
import org.bdisuite.exporter.persistence.ExportRun;
import org.bdisuite.exporter.persistence.ExportRunRepository;
import org.bdisuite.exporter.persistence.ExportSchedule;
import org.bdisuite.exporter.persistence.ExportScheduleRepository;
import org.bdisuite.exporter.persistence.ScheduleState;
import org.bdisuite.runtime.error.StateConflictException;

/**
 * The instance's way through a run: startExport takes it from the gateway to RUNNING and opens a ledger row; when
 * the export returns, the instance goes back to the gateway (applying an edit that arrived meanwhile) or ends (a
 * cancel arrived meanwhile). Each step is its own short transaction: the export itself runs outside any.
 */
@ApplicationScoped
public class ScheduleRuns {

    private final ExportScheduleRepository schedules;
    private final ExportRunRepository runs;
    private final Histories histories;
    private final ExporterClock clock;

    public ScheduleRuns(ExportScheduleRepository schedules, ExportRunRepository runs, Histories histories,
                        ExporterClock clock) {
        this.schedules = schedules;
        this.runs = runs;
        this.histories = histories;
        this.clock = clock;
    }

    /**
     * What an export needs: the run's ledger row and the configuration it runs with.
     */
    public record StartedRun(long runId, String businessKey, ScheduleConfiguration configuration, String from,
                             String user, LocalDate fireDate, OffsetDateTime startedAt) {
    }

    /** startExport: 409 when the instance is cancelled (or being cancelled) or already running. */
    @Transactional
    public StartedRun start(String businessKey, String from, String user) {
        ExportSchedule schedule = schedules.lock(businessKey);
        Schedules.refuseWhenTerminating(schedule, "startExport");
        if (schedule.getState() == ScheduleState.RUNNING) {
            throw new StateConflictException("schedule-running", "Export schedule " + businessKey
                    + " is running an export; startExport is refused");
        }
        OffsetDateTime now = clock.now();
        LocalDate fireDate = now.atZoneSameInstant(java.time.ZoneId.of(schedule.getConfiguration().timezone()))
                .toLocalDate();
        ExportRun run = new ExportRun(businessKey, fireDate, from, user, now);
        runs.persist(run);
        schedule.startRun(now);
        return new StartedRun(run.getId(), businessKey, schedule.getConfiguration(), from, user, fireDate, now);
    }

    /** The export has returned: back to the gateway (with a pending edit applied), or the end after a cancel. */
    @Transactional
    public void returnToGateway(String businessKey) {
        ExportSchedule schedule = schedules.lock(businessKey);
        OffsetDateTime now = clock.now();
        String editor = schedule.getPendingBy();
        ScheduleConfiguration applied = schedule.returnToGateway(now);
        if (applied != null) {
            histories.configChanged(businessKey, applied, editor, now);
        }
    }
}
