package org.bdisuite.exporter.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A file a run wrote, with its size and SHA-256 (what the audit and the deliveries name). */
@Entity
@Table(name = "exporter_run_file")
public class RunFile {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "run_id", nullable = false, updatable = false)
    private long runId;

    @Column(nullable = false, updatable = false)
    private String name;

    @Column(nullable = false, updatable = false)
    private long bytes;

    @Column(nullable = false, updatable = false, columnDefinition = "bpchar(64)")
    private String sha256;

    @Column(name = "row_count", updatable = false)
    private Long rowCount;

    protected RunFile() {
        // for JPA
    }

    public RunFile(long runId, String name, long bytes, String sha256, Long rowCount) {
        this.runId = runId;
        this.name = name;
        this.bytes = bytes;
        this.sha256 = sha256;
        this.rowCount = rowCount;
    }

    public long getRunId() {
        return runId;
    }

    public String getName() {
        return name;
    }

    public long getBytes() {
        return bytes;
    }

    public String getSha256() {
        return sha256;
    }

    public Long getRowCount() {
        return rowCount;
    }
}
