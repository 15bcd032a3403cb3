package org.bdisuite.exporter.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A file a services file-export job wrote: a part (with its rows) or the manifest (rows null). */
@Entity
@Table(name = "exporter_service_file_job_file")
public class ServiceFileJobFile {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "job_id", nullable = false, updatable = false)
    private String jobId;

    @Column(nullable = false, updatable = false)
    private String name;

    @Column(nullable = false, updatable = false)
    private long bytes;

    @Column(nullable = false, updatable = false, columnDefinition = "bpchar(64)")
    private String sha256;

    @Column(name = "row_count", updatable = false)
    private Long rowCount;

    protected ServiceFileJobFile() {
        // for JPA
    }

    public ServiceFileJobFile(String jobId, String name, long bytes, String sha256, Long rowCount) {
        this.jobId = jobId;
        this.name = name;
        this.bytes = bytes;
        this.sha256 = sha256;
        this.rowCount = rowCount;
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
