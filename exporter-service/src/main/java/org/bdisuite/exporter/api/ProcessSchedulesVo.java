package org.bdisuite.exporter.api;

import java.time.LocalDate;
import java.util.List;

/**
 * What one processSchedules call did.
 *
 * @param runDate the day of the daily run (in the trigger's timezone)
 * @param due     the business keys this call found due and stored in the day's list (the run list)
 * @param runs    the exports this call ran, in order (a key another replica exported is not run again)
 */
public record ProcessSchedulesVo(LocalDate runDate, List<String> due, List<RunVo> runs) {}
