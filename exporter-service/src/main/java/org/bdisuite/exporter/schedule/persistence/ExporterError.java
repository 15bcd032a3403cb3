package org.bdisuite.exporter.schedule.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A line of the DataExporterErrors log. */
@Entity
@Table(name = "exporter_error")
public class ExporterError {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    private OffsetDateTime occurredAt;

    @Column(name = "business_key", updatable = false)
    private String businessKey;

    @Column(name = "run_id", updatable = false)
    private Long runId;

    @Column(nullable = false, updatable = false)
    private String message;

    protected ExporterError() {
        // for JPA
    }

    public ExporterError(OffsetDateTime occurredAt, String businessKey, Long runId, String message) {
        this.occurredAt = occurredAt;
        this.businessKey = businessKey;
        this.runId = runId;
        this.message = message;
    }

    public Long getId() {
        return id;
    }

    public OffsetDateTime getOccurredAt() {
        return occurredAt;
    }

    public String getBusinessKey() {
        return businessKey;
    }

    public Long getRunId() {
        return runId;
    }

    public String getMessage() {
        return message;
    }
}
