package org.bdisuite.exporter.schedule.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import org.bdisuite.exporter.api.ScheduleConfiguration;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * An export schedule and the state of its long-lived instance (the GOSS Data Exporter's process instance waiting at an event
 * gateway). The state rules live here so that every path (REST, messages, the daily run) applies the same ones.
 */
@Entity
@Table(name = "exporter_schedule")
public class ExportSchedule {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "business_key", nullable = false, updatable = false)
    private String businessKey;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    private ScheduleConfiguration configuration;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "pending_configuration")
    private ScheduleConfiguration pendingConfiguration;

    @Column(name = "pending_by")
    private String pendingBy;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ScheduleState state = ScheduleState.WAITING;

    @Column(name = "cancel_requested", nullable = false)
    private boolean cancelRequested;

    @Column(name = "created_by", nullable = false, updatable = false)
    private String createdBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    @Column(name = "cancelled_at")
    private OffsetDateTime cancelledAt;

    @Version
    private long version;

    protected ExportSchedule() {
        // for JPA
    }

    public ExportSchedule(
            String businessKey, ScheduleConfiguration configuration, String createdBy, OffsetDateTime now) {
        this.businessKey = businessKey;
        this.configuration = configuration;
        this.createdBy = createdBy;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** Whether the instance has ended or is ending: every message but a repeated cancel is then refused. */
    public boolean isTerminating() {
        return state == ScheduleState.CANCELLED || cancelRequested;
    }

    /** Applies an edit now, or, while an export runs, keeps it until the instance is back at its gateway. */
    public boolean edit(ScheduleConfiguration changed, String user, OffsetDateTime now) {
        updatedAt = now;
        if (state == ScheduleState.RUNNING) {
            pendingConfiguration = changed;
            pendingBy = user;
            return false;
        }
        configuration = changed;
        return true;
    }

    /** Terminates the instance now, or after the export in progress; false when it already was (a no-op). */
    public boolean cancel(OffsetDateTime now) {
        if (isTerminating()) {
            return false;
        }
        updatedAt = now;
        if (state == ScheduleState.RUNNING) {
            cancelRequested = true;
        } else {
            terminate(now);
        }
        return true;
    }

    public void startRun(OffsetDateTime now) {
        state = ScheduleState.RUNNING;
        updatedAt = now;
    }

    private void terminate(OffsetDateTime now) {
        state = ScheduleState.CANCELLED;
        cancelRequested = false;
        cancelledAt = now;
    }

    public Long getId() {
        return id;
    }

    public String getBusinessKey() {
        return businessKey;
    }

    public ScheduleConfiguration getConfiguration() {
        return configuration;
    }

    public ScheduleConfiguration getPendingConfiguration() {
        return pendingConfiguration;
    }

    public String getPendingBy() {
        return pendingBy;
    }

    public ScheduleState getState() {
        return state;
    }

    public boolean isCancelRequested() {
        return cancelRequested;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }

    public OffsetDateTime getUpdatedAt() {
        return updatedAt;
    }

    public OffsetDateTime getCancelledAt() {
        return cancelledAt;
    }
}
