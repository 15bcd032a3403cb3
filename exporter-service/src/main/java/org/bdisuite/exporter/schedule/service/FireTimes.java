package org.bdisuite.exporter.schedule.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.text.ParseException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import org.bdisuite.exporter.api.ScheduleConfiguration;
import org.bdisuite.exporter.config.ExporterConfig;
import org.quartz.CronExpression;

/**
 * When the daily trigger will export a schedule: the trigger's next fire times (its cron in its timezone) on which
 * the schedule is due, counting the day in the schedule's own timezone.
 */
@ApplicationScoped
public class FireTimes {

    private static final int LOOK_AHEAD_FIRES = 800;

    private final ExporterConfig config;

    public FireTimes(ExporterConfig config) {
        this.config = config;
    }

    public List<OffsetDateTime> next(ScheduleConfiguration schedule, Instant after, int count) {
        CronExpression cron = cron();
        ZoneId zone = ZoneId.of(schedule.timezone());
        List<OffsetDateTime> times = new ArrayList<>(count);
        Date fire = Date.from(after);
        for (int i = 0; i < LOOK_AHEAD_FIRES && times.size() < count; i++) {
            fire = cron.getNextValidTimeAfter(fire);
            if (fire == null) {
                break;
            }
            LocalDate day = fire.toInstant().atZone(zone).toLocalDate();
            if (schedule.frequency().isDueOn(day)) {
                times.add(OffsetDateTime.ofInstant(fire.toInstant(), ZoneOffset.UTC));
            }
        }
        return times;
    }

    /** The trigger's first fire time after this instant (null if the cron never fires again). */
    static Instant nextTrigger(ExporterConfig config, Instant after) {
        Date next = cron(config).getNextValidTimeAfter(Date.from(after));
        return next == null ? null : next.toInstant();
    }

    private CronExpression cron() {
        return cron(config);
    }

    private static CronExpression cron(ExporterConfig config) {
        try {
            CronExpression cron = new CronExpression(config.daily().cron());
            cron.setTimeZone(TimeZone.getTimeZone(ZoneId.of(config.daily().timezone())));
            return cron;
        } catch (ParseException e) {
            throw new IllegalStateException("suite.exporter.daily.cron is not a Quartz cron expression", e);
        }
    }
}
