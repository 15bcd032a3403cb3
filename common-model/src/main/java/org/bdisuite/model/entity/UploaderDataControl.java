package org.bdisuite.model.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import org.bdisuite.model.DataSetType;
import org.bdisuite.model.MergeStrategy;

/**
 * A row of BDI_UPLDER_IFACE_MOD_DATA_CTL (the BDI guide, Table 3-2): the receiver's handshake telling the uploader
 * (importer) job that a data set is ready. Written by the receiver, read by batch-admin.
 */
@Entity
@Table(name = "bdi_upldr_iface_mod_data_ctl")
public class UploaderDataControl {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "uploader_iface_mod_data_ctlid")
    private Long id;

    @Column(name = "interface_module", nullable = false, updatable = false)
    private String interfaceModule;

    @Column(name = "remote_transaction_id", nullable = false, updatable = false)
    private String remoteTransactionId;

    @Column(name = "source_data_set_id", nullable = false, updatable = false)
    private long sourceDataSetId;

    @Column(name = "src_sys_data_set_ready_time", nullable = false, updatable = false)
    private OffsetDateTime sourceSystemDataSetReadyTime;

    @Enumerated(EnumType.STRING)
    @Column(name = "data_set_type", nullable = false, updatable = false)
    private DataSetType dataSetType;

    @Column(name = "data_set_ready_time", nullable = false, updatable = false)
    private OffsetDateTime dataSetReadyTime;

    @Enumerated(EnumType.STRING)
    @Column(name = "data_file_merge_level", nullable = false, updatable = false)
    private MergeStrategy dataFileMergeLevel;

    @Column(name = "source_system_name", nullable = false, updatable = false)
    private String sourceSystemName;

    /** The receiver transaction this data set came in; unique, so a transaction hands over once. */
    @Column(name = "receiver_transaction_id", nullable = false, updatable = false)
    private long receiverTransactionId;

    /** The W3C traceparent of the endTransaction that handed the data set over: the importer continues its trace. */
    @Column(name = "trace_parent", updatable = false)
    private String traceParent;

    protected UploaderDataControl() {
        // for JPA
    }

    public UploaderDataControl(
            String interfaceModule,
            String remoteTransactionId,
            long sourceDataSetId,
            OffsetDateTime sourceSystemDataSetReadyTime,
            DataSetType dataSetType,
            OffsetDateTime dataSetReadyTime,
            MergeStrategy dataFileMergeLevel,
            String sourceSystemName,
            long receiverTransactionId,
            String traceParent) {
        this.interfaceModule = interfaceModule;
        this.remoteTransactionId = remoteTransactionId;
        this.sourceDataSetId = sourceDataSetId;
        this.sourceSystemDataSetReadyTime = sourceSystemDataSetReadyTime;
        this.dataSetType = dataSetType;
        this.dataSetReadyTime = dataSetReadyTime;
        this.dataFileMergeLevel = dataFileMergeLevel;
        this.sourceSystemName = sourceSystemName;
        this.receiverTransactionId = receiverTransactionId;
        this.traceParent = traceParent;
    }

    public Long getId() {
        return id;
    }

    public String getInterfaceModule() {
        return interfaceModule;
    }

    public String getRemoteTransactionId() {
        return remoteTransactionId;
    }

    public long getSourceDataSetId() {
        return sourceDataSetId;
    }

    public OffsetDateTime getSourceSystemDataSetReadyTime() {
        return sourceSystemDataSetReadyTime;
    }

    public DataSetType getDataSetType() {
        return dataSetType;
    }

    public OffsetDateTime getDataSetReadyTime() {
        return dataSetReadyTime;
    }

    public MergeStrategy getDataFileMergeLevel() {
        return dataFileMergeLevel;
    }

    public String getSourceSystemName() {
        return sourceSystemName;
    }

    public long getReceiverTransactionId() {
        return receiverTransactionId;
    }

    public String getTraceParent() {
        return traceParent;
    }
}
