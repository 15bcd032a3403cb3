package org.bdisuite.model.entity;

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
import org.bdisuite.model.MergeStrategy;

/**
 * A row of BDI_RECEIVER_OPTIONS (the BDI guide, Table 3-1): where the Receiver Service stores an interface's
 * files and how it merges them. Written by the System Setting Service, read by the receiver.
 */
@Entity
@Table(name = "bdi_receiver_options")
public class ReceiverOption {

    /** The only folder template the spec allows ("This value can't be changed"). */
    public static final String FOLDER_TEMPLATE = "${basefolder}/${TxId}/${TId}/${BId}/";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "interface_module", nullable = false)
    private String interfaceModule;

    @Column(name = "interface_short_name", nullable = false)
    private String interfaceShortName;

    @Column(name = "base_folder", nullable = false)
    private String baseFolder;

    @Column(name = "folder_template", nullable = false, updatable = false)
    private String folderTemplate = FOLDER_TEMPLATE;

    @Enumerated(EnumType.STRING)
    @Column(name = "merge_strategy", nullable = false)
    private MergeStrategy mergeStrategy = MergeStrategy.NO_MERGE;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt = OffsetDateTime.now();

    @Version
    private long version;

    public Long getId() {
        return id;
    }

    public String getInterfaceModule() {
        return interfaceModule;
    }

    public void setInterfaceModule(String interfaceModule) {
        this.interfaceModule = interfaceModule;
    }

    public String getInterfaceShortName() {
        return interfaceShortName;
    }

    public void setInterfaceShortName(String interfaceShortName) {
        this.interfaceShortName = interfaceShortName;
    }

    public String getBaseFolder() {
        return baseFolder;
    }

    public void setBaseFolder(String baseFolder) {
        this.baseFolder = baseFolder;
        this.updatedAt = OffsetDateTime.now();
    }

    public String getFolderTemplate() {
        return folderTemplate;
    }

    public MergeStrategy getMergeStrategy() {
        return mergeStrategy;
    }

    public void setMergeStrategy(MergeStrategy mergeStrategy) {
        this.mergeStrategy = mergeStrategy;
        this.updatedAt = OffsetDateTime.now();
    }

    public OffsetDateTime getUpdatedAt() {
        return updatedAt;
    }

    public long getVersion() {
        return version;
    }
}
