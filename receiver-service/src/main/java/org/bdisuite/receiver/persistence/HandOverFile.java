package org.bdisuite.receiver.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.bdisuite.model.MergeStrategy;

/**
 * A row of bdi_upldr_data_set_file (V8): one file of a handed-over data set, written with its hand-over row. The
 * importer loads exactly these files, in {@code fileNumber} order, and checks each against its rows, bytes and
 * SHA-256.
 */
@Entity
@Table(name = "bdi_upldr_data_set_file")
public class HandOverFile {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "uploader_data_set_file_id")
    private Long id;

    @Column(name = "uploader_iface_mod_data_ctlid", nullable = false, updatable = false)
    private long dataControlId;

    @Column(name = "file_number", nullable = false, updatable = false)
    private int fileNumber;

    @Column(name = "interface_short_name", nullable = false, updatable = false)
    private String interfaceShortName;

    @Enumerated(EnumType.STRING)
    @Column(name = "merge_level", nullable = false, updatable = false)
    private MergeStrategy mergeLevel;

    /** Absolute, as the receiver wrote the file. */
    @Column(name = "file_path", nullable = false, updatable = false)
    private String filePath;

    @Column(name = "row_count", updatable = false)
    private Long rowCount;

    @Column(name = "byte_count", updatable = false)
    private Long byteCount;

    @Column(name = "sha256", updatable = false)
    private String sha256;

    protected HandOverFile() {
        // for JPA
    }

    HandOverFile(long dataControlId, int fileNumber, DataSetFile file) {
        this.dataControlId = dataControlId;
        this.fileNumber = fileNumber;
        this.interfaceShortName = file.interfaceShortName();
        this.mergeLevel = file.mergeLevel();
        this.filePath = file.path();
        this.rowCount = file.rows();
        this.byteCount = file.bytes();
        this.sha256 = file.sha256();
    }

    /** A file that makes up a data set, as the receiver left it after the merge. */
    public record DataSetFile(
            String interfaceShortName, MergeStrategy mergeLevel, String path, long rows, long bytes, String sha256) {}

    public int getFileNumber() {
        return fileNumber;
    }

    public String getFilePath() {
        return filePath;
    }
}
