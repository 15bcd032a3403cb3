package org.bdisuite.exporter.api;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A schedule and its instance, as GET /exporter/schedules/{businessKey} shows it.
 *
 * @param businessKey          the instance's business key
 * @param state                WAITING (at the event gateway), RUNNING or CANCELLED
 * @param configuration        the configuration in use
 * @param pendingConfiguration an edit received while running, applied when the run returns (or null)
 * @param cancelRequested      a cancel received while running (the instance ends when the run returns)
 * @param createdBy            who created it
 * @param createdAt            when
 * @param updatedAt            the last change
 * @param cancelledAt          when it was cancelled (or null)
 * @param lastRun              the latest run (or null)
 * @param nextFireTimes        the next times the daily run will export it (empty once cancelled)
 */
public record ScheduleVo(
        String businessKey,
        String state,
        ScheduleConfiguration configuration,
        ScheduleConfiguration pendingConfiguration,
        boolean cancelRequested,
        String createdBy,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        OffsetDateTime cancelledAt,
        RunVo lastRun,
        List<OffsetDateTime> nextFireTimes) {}
