package org.bdisuite.receiver.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;

/** A row of BDI_RECEIVER_TRANSMISSION: one partition of an interface within a receiver transaction. */
@Entity
@Table(name = "bdi_receiver_transmission")
public class ReceiverTransmission {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "receiver_transmission_id")
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "receiver_transaction_id", nullable = false, updatable = false)
    private ReceiverTransaction transaction;

    @Column(name = "transmission_id", nullable = false, updatable = false)
    private String transmissionId;

    @Column(name = "source_system_name", nullable = false, updatable = false)
    private String sourceSystemName;

    @Column(name = "interface_module", nullable = false, updatable = false)
    private String interfaceModule;

    @Column(name = "interface_short_name", nullable = false, updatable = false)
    private String interfaceShortName;

    @Column(name = "source_system_partition_name", nullable = false, updatable = false)
    private String partitionName;

    @Column(name = "source_system_partition_begin_sequence_number", nullable = false, updatable = false)
    private long partitionBeginSequenceNumber;

    @Column(name = "source_system_partition_end_sequence_number", nullable = false, updatable = false)
    private long partitionEndSequenceNumber;

    @Column(name = "begin_block_number", nullable = false, updatable = false)
    private int beginBlockNumber;

    @Column(name = "end_block_number")
    private Integer endBlockNumber;

    @Column(nullable = false)
    private String dir;

    @Column(name = "file_name")
    private String fileName;

    @Enumerated(EnumType.STRING)
    @Column(name = "receiver_transmission_status", nullable = false)
    private TransactionStatus status = TransactionStatus.IN_PROGRESS;

    @Column(name = "receiver_transmission_begin_time", nullable = false, updatable = false)
    private OffsetDateTime beginTime;

    @Column(name = "receiver_transmission_end_time")
    private OffsetDateTime endTime;

    @Version
    private long version;

    protected ReceiverTransmission() {
        // for JPA
    }

    public ReceiverTransmission(
            ReceiverTransaction transaction,
            String transmissionId,
            String interfaceShortName,
            String partitionName,
            long partitionBeginSequenceNumber,
            long partitionEndSequenceNumber,
            int beginBlockNumber,
            String dir,
            OffsetDateTime beginTime) {
        this.transaction = transaction;
        this.transmissionId = transmissionId;
        this.sourceSystemName = transaction.getSourceSystemName();
        this.interfaceModule = transaction.getInterfaceModule();
        this.interfaceShortName = interfaceShortName;
        this.partitionName = partitionName;
        this.partitionBeginSequenceNumber = partitionBeginSequenceNumber;
        this.partitionEndSequenceNumber = partitionEndSequenceNumber;
        this.beginBlockNumber = beginBlockNumber;
        this.dir = dir;
        this.beginTime = beginTime;
    }

    /** Whether a repeated beginTransmission describes this same partition (a retry), not a different one. */
    public boolean describesSamePartition(ReceiverTransmission other) {
        return transaction.getId().equals(other.transaction.getId())
                && partitionName.equals(other.partitionName)
                && partitionBeginSequenceNumber == other.partitionBeginSequenceNumber
                && partitionEndSequenceNumber == other.partitionEndSequenceNumber
                && beginBlockNumber == other.beginBlockNumber;
    }

    /** Ends the transmission after {@code numBlocks} blocks, numbered from its beginBlockNumber. */
    public void end(int numBlocks, OffsetDateTime when) {
        this.endBlockNumber = beginBlockNumber + numBlocks - 1;
        this.status = TransactionStatus.COMPLETED;
        this.endTime = when;
    }

    /** Records the partition-level merged file, in this transmission's folder. */
    /** Ended by the expiry of its transaction, not by the sender. */
    public void expire(OffsetDateTime when) {
        this.status = TransactionStatus.EXPIRED;
        this.endTime = when;
    }

    public void mergedInto(String fileName) {
        this.fileName = fileName;
    }

    /** How many blocks an ended transmission has; null while it is in progress. */
    public Integer numBlocks() {
        return endBlockNumber == null ? null : endBlockNumber - beginBlockNumber + 1;
    }

    public Long getId() {
        return id;
    }

    public ReceiverTransaction getTransaction() {
        return transaction;
    }

    public String getTransmissionId() {
        return transmissionId;
    }

    public String getSourceSystemName() {
        return sourceSystemName;
    }

    public String getInterfaceModule() {
        return interfaceModule;
    }

    public String getInterfaceShortName() {
        return interfaceShortName;
    }

    public String getPartitionName() {
        return partitionName;
    }

    public long getPartitionBeginSequenceNumber() {
        return partitionBeginSequenceNumber;
    }

    public long getPartitionEndSequenceNumber() {
        return partitionEndSequenceNumber;
    }

    public int getBeginBlockNumber() {
        return beginBlockNumber;
    }

    public Integer getEndBlockNumber() {
        return endBlockNumber;
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
}
