package org.bdisuite.receiver.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A row of RECEIVER_TRANSMISSION_BLOCK: one data block stored as a file. Never updated. */
@Entity
@Table(name = "receiver_transmission_block")
public class ReceiverBlock {

    /** receiverBlockStatus of a block whose file is in place. */
    public static final String RECEIVED = "RECEIVED";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "block_id")
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "receiver_transmission_id", nullable = false, updatable = false)
    private ReceiverTransmission transmission;

    @Column(name = "block_number", nullable = false, updatable = false)
    private int blockNumber;

    @Column(name = "block_item_count", nullable = false, updatable = false)
    private int itemCount;

    @Column(name = "block_bytes", nullable = false, updatable = false)
    private long bytes;

    /** Fixed-width hex, as the migration declares it (CHAR(64)). */
    @JdbcTypeCode(SqlTypes.CHAR)
    @Column(nullable = false, updatable = false, length = 64)
    private String sha256;

    @Column(nullable = false, updatable = false)
    private String dir;

    @Column(name = "file_name", nullable = false, updatable = false)
    private String fileName;

    @Column(name = "receiver_block_status", nullable = false)
    private String status = RECEIVED;

    @Column(name = "create_time", nullable = false, updatable = false)
    private OffsetDateTime createTime;

    protected ReceiverBlock() {
        // for JPA
    }

    public ReceiverBlock(
            ReceiverTransmission transmission,
            int blockNumber,
            int itemCount,
            long bytes,
            String sha256,
            String dir,
            String fileName,
            OffsetDateTime createTime) {
        this.transmission = transmission;
        this.blockNumber = blockNumber;
        this.itemCount = itemCount;
        this.bytes = bytes;
        this.sha256 = sha256;
        this.dir = dir;
        this.fileName = fileName;
        this.createTime = createTime;
    }

    public Long getId() {
        return id;
    }

    public ReceiverTransmission getTransmission() {
        return transmission;
    }

    public int getBlockNumber() {
        return blockNumber;
    }

    public int getItemCount() {
        return itemCount;
    }

    public long getBytes() {
        return bytes;
    }

    public String getSha256() {
        return sha256;
    }

    public String getDir() {
        return dir;
    }

    public String getFileName() {
        return fileName;
    }

    public String getStatus() {
        return status;
    }

    public OffsetDateTime getCreateTime() {
        return createTime;
    }
}
