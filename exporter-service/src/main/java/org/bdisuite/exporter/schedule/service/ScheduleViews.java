package org.bdisuite.exporter.schedule.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import org.bdisuite.exporter.api.RunVo;
import org.bdisuite.exporter.api.ScheduleVo;
import org.bdisuite.exporter.common.ExporterClock;
import org.bdisuite.exporter.schedule.persistence.ExportRun;
import org.bdisuite.exporter.schedule.persistence.ExportRunRepository;
import org.bdisuite.exporter.schedule.persistence.ExportSchedule;
import org.bdisuite.exporter.schedule.persistence.ScheduleState;

/** Builds the API views of schedules and runs (inside the caller's transaction). */
@ApplicationScoped
public class ScheduleViews {

    private static final int NEXT_FIRE_TIMES = 3;

    private final ExportRunRepository runs;
    private final FireTimes fireTimes;
    private final ExporterClock clock;

    public ScheduleViews(ExportRunRepository runs, FireTimes fireTimes, ExporterClock clock) {
        this.runs = runs;
        this.fireTimes = fireTimes;
        this.clock = clock;
    }

    public ScheduleVo view(ExportSchedule schedule) {
        RunVo lastRun =
                runs.lastOf(schedule.getBusinessKey()).map(ScheduleViews::run).orElse(null);
        List<OffsetDateTime> next = schedule.isTerminating()
                ? List.of()
                : fireTimes.next(schedule.getConfiguration(), clock.instant(), NEXT_FIRE_TIMES);
        return new ScheduleVo(
                schedule.getBusinessKey(),
                schedule.getState().name(),
                schedule.getConfiguration(),
                schedule.getPendingConfiguration(),
                schedule.isCancelRequested(),
                schedule.getCreatedBy(),
                schedule.getCreatedAt(),
                schedule.getUpdatedAt(),
                schedule.getCancelledAt(),
                lastRun,
                next);
    }

    public static RunVo run(ExportRun run) {
        return new RunVo(
                run.getId(),
                run.getBusinessKey(),
                run.getFireDate(),
                run.getStartedFrom(),
                run.getStartedBy(),
                run.getStatus().name(),
                run.getStartedAt(),
                run.getFinishedAt(),
                run.getRowCount(),
                run.getRowsWritten(),
                List.of(),
                run.getError(),
                run.getTraceId());
    }

    static boolean waiting(ExportSchedule schedule) {
        return schedule.getState() == ScheduleState.WAITING && !schedule.isCancelRequested();
    }
}
