package org.bdisuite.exporter.schedule.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bdisuite.exporter.api.HistoryEventVo;
import org.bdisuite.exporter.api.PageVo;
import org.bdisuite.exporter.api.ScheduleConfiguration;
import org.bdisuite.exporter.schedule.persistence.ExportScheduleRepository;
import org.bdisuite.exporter.schedule.persistence.HistoryEvent;
import org.bdisuite.exporter.schedule.persistence.HistoryEventRepository;
import org.bdisuite.exporter.schedule.persistence.Page;

/** The two histories of every schedule: its configurations (configs) and its runs (reporting_audit). */
@ApplicationScoped
public class Histories {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final HistoryEventRepository events;
    private final ExportScheduleRepository schedules;
    private final ObjectMapper json;

    public Histories(HistoryEventRepository events, ExportScheduleRepository schedules, ObjectMapper json) {
        this.events = events;
        this.schedules = schedules;
        this.json = json;
    }

    /** Adds the whole configuration as the schedule's newest config event (in the caller's transaction). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void configChanged(
            String businessKey, ScheduleConfiguration configuration, String user, OffsetDateTime now) {
        Map<String, Object> event = new LinkedHashMap<>(json.convertValue(configuration, MAP));
        event.put("businessKey", businessKey);
        event.put("user", user);
        event.put("timestamp", timestamp(now));
        events.persist(new HistoryEvent(businessKey, HistoryEvent.CONFIGS, event, now));
    }

    /**
     * A history event's timestamp as the seed's example writes it: UTC with exactly three fraction digits
     * (2024-07-10T13:31:02.651Z), also when the milliseconds are 0 (Instant.toString would drop them).
     */
    public static String timestamp(OffsetDateTime time) {
        return TIMESTAMP.format(time);
    }

    /** Adds a run's audit event (in the caller's transaction). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void audit(String businessKey, Map<String, Object> event, OffsetDateTime now) {
        events.insert(businessKey, HistoryEvent.AUDIT, event, now);
    }

    /** A page of the schedule's configuration history, newest first; a 404 for a business key that never existed. */
    @Transactional
    public PageVo<HistoryEventVo> configs(String businessKey, int page, int size) {
        return page(businessKey, HistoryEvent.CONFIGS, page, size);
    }

    /** A page of the schedule's audit history (reporting_audit), newest first; a 404 for an unknown business key. */
    @Transactional
    public PageVo<HistoryEventVo> audits(String businessKey, int page, int size) {
        return page(businessKey, HistoryEvent.AUDIT, page, size);
    }

    private PageVo<HistoryEventVo> page(String businessKey, String labelc, int page, int size) {
        schedules.get(businessKey);
        Page<HistoryEvent> events = this.events.ofSchedule(businessKey, labelc, page, size);
        return new PageVo<>(
                page,
                size,
                events.total(),
                events.items().stream().map(Histories::view).toList());
    }

    private static HistoryEventVo view(HistoryEvent event) {
        Map<String, String> label = new LinkedHashMap<>();
        label.put("labela", event.getLabela());
        label.put("labelb", event.getLabelb());
        label.put("labelc", event.getLabelc());
        return new HistoryEventVo(event.getId(), label, event.getRecordedAt(), event.getEvent());
    }
}
