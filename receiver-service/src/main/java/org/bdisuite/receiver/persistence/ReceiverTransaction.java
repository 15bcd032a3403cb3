package org.bdisuite.receiver.persistence;

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
import org.bdisuite.model.DataSetType;

/** A row of BDI_RECEIVER_TRANSACTION: one data set a sender is transmitting. */
@Entity
@Table(name = "bdi_receiver_transaction")
public class ReceiverTransaction {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "receiver_transaction_id")
    private Long id;

    @Column(name = "transaction_id", nullable = false, updatable = false)
    private String transactionId;

    @Column(name = "interface_module", nullable = false, updatable = false)
    private String interfaceModule;

    @Column(name = "source_system_name", nullable = false, updatable = false)
    private String sourceSystemName;

    @Column(name = "source_system_id", nullable = false, updatable = false)
    private String sourceSystemId;

    @Column(name = "source_data_set_id", nullable = false, updatable = false)
    private long sourceDataSetId;

    @Enumerated(EnumType.STRING)
    @Column(name = "data_set_type", nullable = false, updatable = false)
    private DataSetType dataSetType;

    @Column(name = "source_system_data_set_ready_time", nullable = false, updatable = false)
    private OffsetDateTime sourceSystemDataSetReadyTime;

    @Column(nullable = false)
    private String dir;

    @Column(name = "file_name")
    private String fileName;

    @Enumerated(EnumType.STRING)
    @Column(name = "receiver_transaction_status", nullable = false)
    private TransactionStatus status = TransactionStatus.IN_PROGRESS;

    @Column(name = "receiver_transaction_begin_time", nullable = false, updatable = false)
    private OffsetDateTime beginTime;

    @Column(name = "receiver_transaction_end_time")
    private OffsetDateTime endTime;

    /** Why it ended as it did when it did not complete (an EXPIRED transaction's reason); null otherwise. */
    @Column(name = "status_reason")
    private String statusReason;

    /** The user who began the transaction; null for transactions begun before owners were recorded. */
    @Column(name = "owner_username", updatable = false)
    private String ownerUsername;

    @Version
    private long version;

    protected ReceiverTransaction() {
        // for JPA
    }

    public ReceiverTransaction(
            String transactionId,
            String interfaceModule,
            String sourceSystemName,
            String sourceSystemId,
            long sourceDataSetId,
            DataSetType dataSetType,
            OffsetDateTime sourceSystemDataSetReadyTime,
            String dir,
            OffsetDateTime beginTime,
            String ownerUsername) {
        this.transactionId = transactionId;
        this.interfaceModule = interfaceModule;
        this.sourceSystemName = sourceSystemName;
        this.sourceSystemId = sourceSystemId;
        this.sourceDataSetId = sourceDataSetId;
        this.dataSetType = dataSetType;
        this.sourceSystemDataSetReadyTime = sourceSystemDataSetReadyTime;
        this.dir = dir;
        this.beginTime = beginTime;
        this.ownerUsername = ownerUsername;
    }

    /** Whether a repeated beginTransaction describes this same data set (a retry), not a different one. */
    public boolean describesSameDataSet(ReceiverTransaction other) {
        return interfaceModule.equals(other.interfaceModule)
                && sourceSystemName.equals(other.sourceSystemName)
                && sourceSystemId.equals(other.sourceSystemId)
                && sourceDataSetId == other.sourceDataSetId
                && dataSetType == other.dataSetType
                && sourceSystemDataSetReadyTime.isEqual(other.sourceSystemDataSetReadyTime);
    }

    /** Ends the transaction; {@code fileName} names the interface-level merged files, if any. */
    /** Not ended in time: its files are gone and it accepts nothing more. */
    public void expire(OffsetDateTime when, String reason) {
        this.status = TransactionStatus.EXPIRED;
        this.endTime = when;
        this.statusReason = reason;
    }

    public void complete(String fileName, OffsetDateTime when) {
        this.fileName = fileName;
        this.status = TransactionStatus.COMPLETED;
        this.endTime = when;
    }

    public Long getId() {
        return id;
    }

    public String getTransactionId() {
        return transactionId;
    }

    public String getInterfaceModule() {
        return interfaceModule;
    }

    public String getSourceSystemName() {
        return sourceSystemName;
    }

    public String getSourceSystemId() {
        return sourceSystemId;
    }

    public long getSourceDataSetId() {
        return sourceDataSetId;
    }

    public DataSetType getDataSetType() {
        return dataSetType;
    }

    public OffsetDateTime getSourceSystemDataSetReadyTime() {
        return sourceSystemDataSetReadyTime;
    }

    public String getDir() {
        return dir;
    }

    public String getFileName() {
        return fileName;
    }

    public TransactionStatus getStatus() {
        return status;
    }

    public OffsetDateTime getBeginTime() {
        return beginTime;
    }

    public OffsetDateTime getEndTime() {
        return endTime;
    }

    public String getOwnerUsername() {
        return ownerUsername;
    }

    public String getStatusReason() {
        return statusReason;
    }
}
