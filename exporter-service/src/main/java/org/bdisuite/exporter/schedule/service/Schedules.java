package org.bdisuite.exporter.schedule.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.List;
import org.bdisuite.exporter.api.PageVo;
import org.bdisuite.exporter.api.ScheduleConfiguration;
import org.bdisuite.exporter.api.ScheduleRequest;
import org.bdisuite.exporter.api.ScheduleVo;
import org.bdisuite.exporter.common.ExporterClock;
import org.bdisuite.exporter.common.ExporterRule;
import org.bdisuite.exporter.schedule.persistence.ExportSchedule;
import org.bdisuite.exporter.schedule.persistence.ExportScheduleRepository;
import org.bdisuite.exporter.schedule.persistence.Page;
import org.bdisuite.exporter.schedule.persistence.ScheduleState;

/**
 * Export schedules as long-lived instances: creation (the instance starts and waits at its event gateway), and the
 * editExport and cancelExport messages. Every change locks the schedule's row, so messages to one instance are
 * applied one at a time and a run cannot start between the check and the change.
 */
@ApplicationScoped
public class Schedules {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ExportScheduleRepository schedules;
    private final ScheduleValidation validation;
    private final Histories histories;
    private final ScheduleViews views;
    private final ExporterClock clock;

    public Schedules(
            ExportScheduleRepository schedules,
            ScheduleValidation validation,
            Histories histories,
            ScheduleViews views,
            ExporterClock clock) {
        this.schedules = schedules;
        this.validation = validation;
        this.histories = histories;
        this.views = views;
        this.clock = clock;
    }

    /** What a message did: whether it took effect now or waits for the run in progress to return. */
    public record MessageResult(boolean deferred, ScheduleVo schedule) {}

    @Transactional
    public ScheduleVo create(ScheduleRequest request, String user) {
        ScheduleConfiguration configuration = validation.validate(request);
        OffsetDateTime now = clock.now();
        ExportSchedule schedule = new ExportSchedule(newBusinessKey(), configuration, user, now);
        schedules.persist(schedule);
        histories.configChanged(schedule.getBusinessKey(), configuration, user, now);
        return views.view(schedule);
    }

    /** editExport: applied now at the gateway, or kept until a run in progress returns. */
    @Transactional
    public MessageResult edit(String businessKey, ScheduleRequest request, String user) {
        ExportSchedule schedule = schedules.lock(businessKey);
        refuseWhenTerminating(schedule, "editExport");
        ScheduleConfiguration configuration = validation.validate(request);
        OffsetDateTime now = clock.now();
        boolean applied = schedule.edit(configuration, user, now);
        if (applied) {
            histories.configChanged(businessKey, configuration, user, now);
        }
        return new MessageResult(!applied, views.view(schedule));
    }

    /** cancelExport: ends the instance, after a run in progress; a repeated cancel is a no-op. */
    @Transactional
    public MessageResult cancel(String businessKey) {
        ExportSchedule schedule = schedules.lock(businessKey);
        schedule.cancel(clock.now());
        return new MessageResult(schedule.getState() != ScheduleState.CANCELLED, views.view(schedule));
    }

    @Transactional
    public ScheduleVo get(String businessKey) {
        return views.view(schedules.get(businessKey));
    }

    @Transactional
    public PageVo<ScheduleVo> list(int page, int size) {
        Page<ExportSchedule> schedules = this.schedules.byId(page, size);
        List<ScheduleVo> items = schedules.items().stream().map(views::view).toList();
        return new PageVo<>(page, size, schedules.total(), items);
    }

    static void refuseWhenTerminating(ExportSchedule schedule, String message) {
        if (schedule.isTerminating()) {
            throw ExporterRule.SCHEDULE_CANCELLED.refusal("Export schedule " + schedule.getBusinessKey()
                    + " is "
                    + (schedule.getState() == ScheduleState.CANCELLED ? "cancelled" : "being cancelled")
                    + "; " + message + " is refused");
        }
    }

    /** A GOSS-style business key: four groups of four digits. */
    private static String newBusinessKey() {
        StringBuilder key = new StringBuilder(19);
        for (int group = 0; group < 4; group++) {
            if (group > 0) {
                key.append('-');
            }
            key.append(String.format("%04d", RANDOM.nextInt(10_000)));
        }
        return key.toString();
    }
}
