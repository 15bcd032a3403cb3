package org.bdisuite.exporter.schedule.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.bdisuite.exporter.api.HistoryEventVo;
import org.bdisuite.exporter.api.PageVo;
import org.bdisuite.exporter.api.RunVo;
import org.bdisuite.exporter.api.ScheduleRequest;
import org.bdisuite.exporter.api.ScheduleVo;
import org.bdisuite.exporter.common.ExporterClock;
import org.bdisuite.exporter.schedule.persistence.RunFileRepository;

/**
 * What the console's export pages read beyond the API's own reads, in the terms of a page: the histories by kind,
 * the next fire times of a schedule that is still being filled in (the same validation as a create), and what is
 * due today.
 */
@ApplicationScoped
public class ExportConsole {

    private final Histories histories;
    private final Schedules schedules;
    private final ScheduleValidation validation;
    private final FireTimes fireTimes;
    private final ExporterClock clock;
    private final RunFileRepository runFiles;

    public ExportConsole(
            Histories histories,
            Schedules schedules,
            ScheduleValidation validation,
            FireTimes fireTimes,
            ExporterClock clock,
            RunFileRepository runFiles) {
        this.runFiles = runFiles;
        this.histories = histories;
        this.schedules = schedules;
        this.validation = validation;
        this.fireTimes = fireTimes;
        this.clock = clock;
    }

    /** The files a run wrote, for the download links of a schedule's last run. */
    @Transactional
    public List<RunVo.FileVo> filesOf(RunVo run) {
        if (run == null) {
            return List.of();
        }
        return runFiles.ofRun(run.runId()).stream()
                .map(file -> new RunVo.FileVo(file.getName(), file.getBytes(), file.getSha256()))
                .toList();
    }

    public PageVo<HistoryEventVo> audit(String businessKey, int size) {
        return histories.audits(businessKey, 0, size);
    }

    public PageVo<HistoryEventVo> configs(String businessKey, int size) {
        return histories.configs(businessKey, 0, size);
    }

    /** The next fire times the schedule would have if it were saved now; a 4xx when the request is not valid. */
    public List<OffsetDateTime> nextFireTimes(ScheduleRequest request, int count) {
        return fireTimes.next(validation.validate(request), clock.instant(), count);
    }

    /** The schedules (of the first {@code max}) whose next fire time falls on today's UTC date. */
    public List<ScheduleVo> dueToday(int max) {
        LocalDate today = clock.now().toLocalDate();
        return schedules.list(0, max).items().stream()
                .filter(schedule -> schedule.nextFireTimes() != null
                        && schedule.nextFireTimes().stream()
                                .anyMatch(time -> time.toLocalDate().equals(today)))
                .toList();
    }
}
