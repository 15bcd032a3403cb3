package org.bdisuite.exporter.generator.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

/**
 * The facts of a file an export wrote (a run's or a services file job's): its name, size, SHA-256 and rows (null
 * for a manifest), as the generators report them.
 */
@MappedSuperclass
public abstract class RecordedFile {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, updatable = false)
    private String name;

    @Column(nullable = false, updatable = false)
    private long bytes;

    @Column(nullable = false, updatable = false, columnDefinition = "bpchar(64)")
    private String sha256;

    @Column(name = "row_count", updatable = false)
    private Long rowCount;

    protected RecordedFile() {
        // for JPA
    }

    protected RecordedFile(String name, long bytes, String sha256, Long rowCount) {
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
