package org.bdisuite.exporter.schedule.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.bdisuite.exporter.generator.persistence.RecordedFile;

/** A file a run wrote, with its size and SHA-256 (what the audit and the deliveries name). */
@Entity
@Table(name = "exporter_run_file")
public class RunFile extends RecordedFile {

    @Column(name = "run_id", nullable = false, updatable = false)
    private long runId;

    protected RunFile() {
        // for JPA
    }

    public RunFile(long runId, String name, long bytes, String sha256, Long rowCount) {
        super(name, bytes, sha256, rowCount);
        this.runId = runId;
    }

    public long getRunId() {
        return runId;
    }
}
