package org.bdisuite.exporter.api;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * An event of a schedule's config or audit history.
 *
 * @param id         the event's id (increasing)
 * @param label      {labela: "_DataExporter", labelb: businessKey, labelc: "configs" | "reporting_audit"}
 * @param recordedAt when it was written
 * @param event      the event: the whole configuration (configs) or the run's audit record (reporting_audit)
 */
public record HistoryEventVo(
        long id, Map<String, String> label, OffsetDateTime recordedAt, Map<String, Object> event) {}
