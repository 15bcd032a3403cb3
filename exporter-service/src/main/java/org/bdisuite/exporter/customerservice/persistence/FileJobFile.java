package org.bdisuite.exporter.customerservice.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.bdisuite.exporter.generator.persistence.RecordedFile;

/** A file a services file-export job wrote: a part (with its rows) or the manifest (rows null). */
@Entity
@Table(name = "exporter_service_file_job_file")
public class FileJobFile extends RecordedFile {

    @Column(name = "job_id", nullable = false, updatable = false)
    private String jobId;

    protected FileJobFile() {
        // for JPA
    }

    public FileJobFile(String jobId, String name, long bytes, String sha256, Long rowCount) {
        super(name, bytes, sha256, rowCount);
        this.jobId = jobId;
    }
}
