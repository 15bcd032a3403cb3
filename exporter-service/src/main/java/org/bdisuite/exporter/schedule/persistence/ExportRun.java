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
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.bdisuite.exporter.api.ScheduleConfiguration;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A row of the run ledger: one export of one schedule. A scheduled run is unique per (business key, fire date)
 * in the database, which is what makes the daily run exactly-once.
 */
@Entity
@Table(name = "exporter_run")
public class ExportRun {

    /** The audit's {@code from} of a run the daily trigger started. */
    public static final String FROM_SCHEDULE = "Schedule";
    /** The audit's {@code from} of a run a user started. */
    public static final String FROM_RUN = "Run";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "business_key", nullable = false, updatable = false)
    private String businessKey;

    @Column(name = "fire_date", nullable = false, updatable = false)
    private LocalDate fireDate;

    @Column(name = "started_from", nullable = false, updatable = false)
    private String startedFrom;

    @Column(name = "started_by", nullable = false, updatable = false)
    private String startedBy;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private RunStatus status = RunStatus.RUNNING;

    @Column(name = "started_at", nullable = false, updatable = false)
    private OffsetDateTime startedAt;

    @Column(name = "finished_at")
    private OffsetDateTime finishedAt;

    /** Renewed while a replica executes the run; NULL on runs recorded before V29 (see ExportRunRepository). */
    @Column(name = "heartbeat_at")
    private OffsetDateTime heartbeatAt;

    @Column(name = "row_count")
    private Long rowCount;

    /**
     * The rows written so far while the run is RUNNING (its progress), recorded about once per second by the
     * replica running it ({@link ExportRunRepository#recordProgress}); NULL until then.
     */
    @Column(name = "rows_written")
    private Long rowsWritten;

    @Column
    private String error;

    /**
     * The schedule's configuration when the run started: a retry or recovery of this run uses it, never the
     * schedule's current one. NULL on runs recorded before V23.
     */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column
    private ScheduleConfiguration configuration;

    /** The OpenTelemetry trace of the run's latest start (a retry replaces it); NULL before V36. */
    @Column(name = "trace_id")
    private String traceId;

    @Version
    private long version;

    protected ExportRun() {
        // for JPA
    }

    public ExportRun(
            String businessKey,
            LocalDate fireDate,
            String startedFrom,
            String startedBy,
            OffsetDateTime startedAt,
            ScheduleConfiguration configuration) {
        this.businessKey = businessKey;
        this.configuration = configuration;
        this.fireDate = fireDate;
        this.startedFrom = startedFrom;
        this.startedBy = startedBy;
        this.startedAt = startedAt;
        this.heartbeatAt = startedAt;
    }

    /**
     * Records the configuration of a run claimed by a native INSERT (the daily run's claim); a run that already
     * has one keeps it.
     */
    public void startedWith(ScheduleConfiguration started) {
        if (configuration == null) {
            configuration = started;
        }
    }

    /**
     * The configuration this run is retried with: the one it started with, or, for a run recorded before it was
     * kept (V23), the schedule's current one.
     */
    public ScheduleConfiguration configurationOr(ScheduleConfiguration current) {
        return configuration != null ? configuration : current;
    }

    /** Records the trace the run (or its retry) runs in; nothing when there is no trace. */
    public void tracedBy(String currentTraceId) {
        if (currentTraceId != null) {
            traceId = currentTraceId;
        }
    }

    /** A failed run starts again under the same id (deliveries it already made are not repeated). */
    public void retry(OffsetDateTime now) {
        status = RunStatus.RUNNING;
        heartbeatAt = now;
        finishedAt = null;
        error = null;
        rowsWritten = null;
    }

    public Long getId() {
        return id;
    }

    public String getBusinessKey() {
        return businessKey;
    }

    public LocalDate getFireDate() {
        return fireDate;
    }

    public String getStartedFrom() {
        return startedFrom;
    }

    public String getStartedBy() {
        return startedBy;
    }

    public RunStatus getStatus() {
        return status;
    }

    public OffsetDateTime getStartedAt() {
        return startedAt;
    }

    public OffsetDateTime getFinishedAt() {
        return finishedAt;
    }

    public Long getRowCount() {
        return rowCount;
    }

    public Long getRowsWritten() {
        return rowsWritten;
    }

    public String getError() {
        return error;
    }

    public String getTraceId() {
        return traceId;
    }
}
