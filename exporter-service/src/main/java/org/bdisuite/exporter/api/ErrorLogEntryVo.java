package org.bdisuite.exporter.api;

import java.time.OffsetDateTime;

/**
 * A line of the DataExporterErrors log.
 *
 * @param id          increasing id
 * @param occurredAt  when
 * @param businessKey the schedule (or null)
 * @param runId       the run (or null)
 * @param message     what went wrong
 */
public record ErrorLogEntryVo(long id, OffsetDateTime occurredAt, String businessKey, Long runId, String message) {}
