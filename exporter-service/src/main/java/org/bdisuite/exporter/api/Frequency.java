package org.bdisuite.exporter.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * When a schedule is due, in its own timezone: every day, weekly on a day of the week, or monthly on a day of the
 * month. A monthly day past the end of a shorter month (31 in April, 29..31 in February) falls on that month's last
 * day, so a schedule "on the 31st" runs once in every month.
 *
 * @param type       daily | weekly | monthly
 * @param dayOfWeek  for weekly: MONDAY..SUNDAY
 * @param dayOfMonth for monthly: 1..31
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Frequency(FrequencyType type, DayOfWeek dayOfWeek, Integer dayOfMonth) {

    public static Frequency daily() {
        return new Frequency(FrequencyType.DAILY, null, null);
    }

    /** Whether the schedule is due on this date (a date of the schedule's timezone). */
    public boolean isDueOn(LocalDate date) {
        return switch (type) {
            case DAILY -> true;
            case WEEKLY -> date.getDayOfWeek() == dayOfWeek;
            case MONTHLY -> date.getDayOfMonth() == Math.min(dayOfMonth, date.lengthOfMonth());
        };
    }

    /** The next {@code count} due dates from {@code from} (inclusive). */
    public List<LocalDate> nextDueDates(LocalDate from, int count) {
        List<LocalDate> dates = new ArrayList<>(count);
        // 62 days always contain two due dates of any frequency; a year is plenty for a few.
        for (LocalDate date = from; dates.size() < count && date.isBefore(from.plusYears(1)); date = date.plusDays(1)) {
            if (isDueOn(date)) {
                dates.add(date);
            }
        }
        return dates;
    }

    /** A readable form for the audit's scheduleFrequency: "daily", "weekly on MONDAY", "monthly on day 31". */
    @JsonIgnore
    public String describe() {
        return switch (type) {
            case DAILY -> "daily";
            case WEEKLY -> "weekly on " + dayOfWeek;
            case MONTHLY -> "monthly on day " + dayOfMonth;
        };
    }
}
