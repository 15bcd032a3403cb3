package org.bdisuite.exporter.api;

import java.util.List;
import java.util.Map;

/**
 * The body of POST /exporter/schedules, PUT /exporter/schedules/{businessKey} and the editExport message. Enumerated
 * values arrive as text so that an unknown one is answered with the allowed values (400), not a parse error.
 */
public record ScheduleRequest(
        String description,
        String dataSource,
        String fileType,
        List<String> operations,
        List<Recipient> recipients,
        String sftpDetailsKey,
        FrequencyRequest frequency,
        String dateFormat,
        String timezone,
        Map<String, String> parameters,
        Boolean split) {

    /**
     * A frequency option of the constants' frequencies.
     *
     * @param type       daily | weekly | monthly
     * @param dayOfWeek  MONDAY..SUNDAY, for weekly
     * @param dayOfMonth 1..31, for monthly
     */
    public record FrequencyRequest(String type, String dayOfWeek, Integer dayOfMonth) {}
}
