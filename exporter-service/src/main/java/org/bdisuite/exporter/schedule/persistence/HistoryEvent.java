package org.bdisuite.exporter.schedule.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An event of the GOSS history store under its label (labela, labelb, labelc). Written once, never changed. */
@Entity
@Table(name = "exporter_history_event")
public class HistoryEvent {

    public static final String LABEL_A = "_DataExporter";
    public static final String CONFIGS = "configs";
    public static final String AUDIT = "reporting_audit";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, updatable = false)
    private String labela;

    @Column(nullable = false, updatable = false)
    private String labelb;

    @Column(nullable = false, updatable = false)
    private String labelc;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, updatable = false)
    private Map<String, Object> event;

    @Column(name = "recorded_at", nullable = false, updatable = false)
    private OffsetDateTime recordedAt;

    protected HistoryEvent() {
        // for JPA
    }

    public HistoryEvent(String businessKey, String labelc, Map<String, Object> event, OffsetDateTime recordedAt) {
        this.labela = LABEL_A;
        this.labelb = businessKey;
        this.labelc = labelc;
        this.event = event;
        this.recordedAt = recordedAt;
    }

    public Long getId() {
        return id;
    }

    public String getLabela() {
        return labela;
    }

    public String getLabelb() {
        return labelb;
    }

    public String getLabelc() {
        return labelc;
    }

    public Map<String, Object> getEvent() {
        return event;
    }

    public OffsetDateTime getRecordedAt() {
        return recordedAt;
    }
}
