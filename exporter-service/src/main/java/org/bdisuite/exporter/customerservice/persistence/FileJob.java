package org.bdisuite.exporter.customerservice.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import org.bdisuite.exporter.api.FileType;
import org.bdisuite.exporter.customerservice.api.CustomerServiceSelection;
import org.bdisuite.exporter.customerservice.api.ServiceEventFilter;
import org.bdisuite.exporter.customerservice.api.ServiceStateFilter;

/**
 * A services file export: its selection, state and progress, and which instance runs it (owner + heartbeat), so
 * that a job whose runner stopped is found and run again. Its files are in {@link FileJobFile}.
 */
@Entity
@Table(name = "exporter_service_file_job")
public class FileJob {

    @Id
    private String id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private FileJobState state;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private FileType format;

    @Column(name = "time_from", nullable = false, updatable = false)
    private OffsetDateTime timeFrom;

    @Column(name = "time_to", nullable = false, updatable = false)
    private OffsetDateTime timeTo;

    @Enumerated(EnumType.STRING)
    @Column(name = "filter_events", nullable = false, updatable = false)
    private ServiceEventFilter filterEvents;

    @Enumerated(EnumType.STRING)
    @Column(name = "filter_state", nullable = false, updatable = false)
    private ServiceStateFilter filterState;

    @Column(name = "rows_written", nullable = false)
    private long rowsWritten;

    @Column(nullable = false)
    private int attempts;

    @Column(columnDefinition = "text")
    private String error;

    @Column(name = "owner_instance")
    private String ownerInstance;

    @Column(name = "created_by", nullable = false, updatable = false)
    private String createdBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    @Column(name = "heartbeat_at")
    private OffsetDateTime heartbeatAt;

    @Column(name = "finished_at")
    private OffsetDateTime finishedAt;

    @Column(name = "expires_at")
    private OffsetDateTime expiresAt;

    @Version
    private long version;

    protected FileJob() {
        // for JPA
    }

    public FileJob(
            String id,
            CustomerServiceSelection selection,
            FileType format,
            String createdBy,
            String owner,
            OffsetDateTime now) {
        this.id = id;
        this.state = FileJobState.QUEUED;
        this.format = format;
        this.timeFrom = selection.from();
        this.timeTo = selection.to();
        this.filterEvents = selection.events();
        this.filterState = selection.state();
        this.createdBy = createdBy;
        this.createdAt = now;
        this.updatedAt = now;
        this.ownerInstance = owner;
        this.heartbeatAt = now;
    }

    public CustomerServiceSelection selection() {
        return new CustomerServiceSelection(timeFrom, timeTo, filterEvents, filterState);
    }

    /** The owner starts its next attempt. */
    public void start(OffsetDateTime now) {
        state = FileJobState.RUNNING;
        attempts++;
        rowsWritten = 0;
        heartbeatAt = now;
        updatedAt = now;
    }

    public void succeeded(long rows, OffsetDateTime now, OffsetDateTime expires) {
        finish(FileJobState.SUCCEEDED, rows, null, now, expires);
    }

    public void failed(String message, OffsetDateTime now, OffsetDateTime expires) {
        finish(FileJobState.FAILED, rowsWritten, message, now, expires);
    }

    private void finish(
            FileJobState finalState, long rows, String message, OffsetDateTime now, OffsetDateTime expires) {
        state = finalState;
        rowsWritten = rows;
        error = message;
        finishedAt = now;
        expiresAt = expires;
        updatedAt = now;
    }

    public void expired(OffsetDateTime now) {
        state = FileJobState.EXPIRED;
        updatedAt = now;
    }

    public String getId() {
        return id;
    }

    public FileJobState getState() {
        return state;
    }

    public FileType getFormat() {
        return format;
    }

    public long getRowsWritten() {
        return rowsWritten;
    }

    public int getAttempts() {
        return attempts;
    }

    public String getError() {
        return error;
    }

    public String getOwnerInstance() {
        return ownerInstance;
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

    public OffsetDateTime getFinishedAt() {
        return finishedAt;
    }

    public OffsetDateTime getExpiresAt() {
        return expiresAt;
    }
}
