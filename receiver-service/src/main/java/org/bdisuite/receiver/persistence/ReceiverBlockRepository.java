package org.bdisuite.receiver.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.bdisuite.model.SystemOptionNames;
import org.bdisuite.model.api.receiver.BlockVo;

/**
 * receiver_transmission_block: every statement on it. Ending and expiring a transaction read blocks as entities;
 * a block upload, the receiver's hot path (one request per data block), uses plain JDBC, one round trip per step,
 * instead of entity loads with their eager and lazy fetches (an upload took 13 statements and two ORM transactions
 * that way; now the target, the locks with the state under them (one round trip), the insert with
 * {@link ModuleUsageStore}'s settlement of its reservation (one round trip) and the commit, plus authentication's
 * statement and the reservation). The locks, the insert and the commit run on an {@link UploadTransaction}. Every decision of an upload stays with
 * {@link org.bdisuite.receiver.service.ReceiverBlocks}; this class only reads and writes.
 */
@ApplicationScoped
public class ReceiverBlockRepository implements PanacheRepository<ReceiverBlock> {

    /**
     * The transmission a block is sent to, read before the body: what can be refused before it is stored. Also who
     * owns its transaction, and the bytes of open data its module holds (what the body may still add to the quota).
     */
    public record Target(
            long rowId,
            String transactionId,
            int beginBlockNumber,
            String dir,
            TransactionStatus transactionStatus,
            TransactionStatus status,
            String maxBlocks,
            boolean stored,
            String ownerUsername,
            long moduleOpenBytes) {}

    /**
     * The transmission under the upload's locks: the states as they are now, the block already stored under this
     * number (if any), the receiverMaxNumBlocks option and the blocks the whole transaction holds (when none is
     * stored under this number; counted only then).
     */
    public record Locked(
            String transactionId,
            TransactionStatus transactionStatus,
            TransactionStatus status,
            Optional<BlockVo> stored,
            String maxBlocks,
            long blocksInTransaction) {}

    /** A block to record: its file is in place. */
    public record NewBlock(
            long transmissionRowId,
            String transmissionId,
            int blockNumber,
            int itemCount,
            long bytes,
            String sha256,
            String dir,
            String fileName,
            OffsetDateTime createTime) {}

    private static final String MAX_BLOCKS = "(SELECT o.variable_value FROM bdi_system_options o"
            + " WHERE o.variable_name = '" + SystemOptionNames.RECEIVER_MAX_NUM_BLOCKS + "')";

    private static final String TARGET = "SELECT t.receiver_transmission_id, x.transaction_id, t.begin_block_number,"
            + " t.dir, x.receiver_transaction_status, t.receiver_transmission_status, " + MAX_BLOCKS + ","
            + " EXISTS (SELECT 1 FROM receiver_transmission_block b"
            + " WHERE b.receiver_transmission_id = t.receiver_transmission_id AND b.block_number = ?),"
            + " x.owner_username, coalesce((SELECT u.open_bytes FROM bdi_receiver_module_usage u"
            + " WHERE u.interface_module = t.interface_module), 0)"
            + " FROM bdi_receiver_transmission t"
            + " JOIN bdi_receiver_transaction x ON x.receiver_transaction_id = t.receiver_transaction_id"
            + " WHERE t.source_system_name = ? AND t.interface_module = ? AND t.interface_short_name = ?"
            + " AND t.transmission_id = ?";

    /**
     * The block number's advisory lock (two int keys: a space apart from the single-key locks), then the
     * transmission's row lock FOR SHARE: uploads of other blocks go on in parallel, while endTransmission and the
     * expiry (FOR UPDATE) wait for this upload to commit, and an upload that waited for them sees their change in
     * the next statement. Only uploads take the advisory lock, so holding it while waiting for the row cannot
     * deadlock.
     */
    private static final String LOCK = "SELECT pg_advisory_xact_lock(?, ?) FROM bdi_receiver_transmission"
            + " WHERE receiver_transmission_id = ? FOR SHARE";

    /** A statement of its own after the locks, so that its snapshot sees what a twin upload committed meanwhile. */
    private static final String LOCKED = "SELECT x.transaction_id, x.receiver_transaction_status,"
            + " t.receiver_transmission_status, b.block_id, b.block_item_count, b.dir, b.file_name,"
            + " b.receiver_block_status, b.create_time, b.block_bytes, b.sha256, " + MAX_BLOCKS + ","
            + " CASE WHEN b.block_id IS NULL THEN (SELECT count(*) FROM receiver_transmission_block c"
            + " JOIN bdi_receiver_transmission ct ON ct.receiver_transmission_id = c.receiver_transmission_id"
            + " WHERE ct.receiver_transaction_id = t.receiver_transaction_id) END,"
            + " t.transmission_id"
            + " FROM bdi_receiver_transmission t"
            + " JOIN bdi_receiver_transaction x ON x.receiver_transaction_id = t.receiver_transaction_id"
            + " LEFT JOIN receiver_transmission_block b"
            + " ON b.receiver_transmission_id = t.receiver_transmission_id AND b.block_number = ?"
            + " WHERE t.receiver_transmission_id = ?";

    private static final String INSERT = "INSERT INTO receiver_transmission_block (receiver_transmission_id,"
            + " block_number, block_item_count, block_bytes, sha256, dir, file_name, receiver_block_status, create_time)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, '" + ReceiverBlock.RECEIVED + "', ?) RETURNING block_id";

    private final DataSource dataSource;

    public ReceiverBlockRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The transmission by the names the upload's path gives (unique in the schema), or empty. */
    public Optional<Target> target(
            String sourceSystemName,
            String interfaceModule,
            String interfaceShortName,
            String transmissionId,
            int blockNumber) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(TARGET)) {
            select.setInt(1, blockNumber);
            select.setString(2, sourceSystemName);
            select.setString(3, interfaceModule);
            select.setString(4, interfaceShortName);
            select.setString(5, transmissionId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Target(
                        row.getLong(1),
                        row.getString(2),
                        row.getInt(3),
                        row.getString(4),
                        TransactionStatus.valueOf(row.getString(5)),
                        TransactionStatus.valueOf(row.getString(6)),
                        row.getString(7),
                        row.getBoolean(8),
                        row.getString(9),
                        row.getLong(10)));
            }
        } catch (SQLException e) {
            throw failed("read transmission " + transmissionId, e);
        }
    }

    /** Opens an upload's transaction (see {@link UploadTransaction}). */
    public UploadTransaction begin() {
        return UploadTransaction.begin(dataSource);
    }

    /**
     * Takes the upload's locks (held until {@code transaction} ends) and reads the transmission under them; empty
     * when the transmission is gone.
     */
    public Optional<Locked> lock(UploadTransaction transaction, long transmissionRowId, int blockNumber) {
        // Both statements in one round trip: the second still runs after the first's lock wait and takes its own
        // snapshot (READ COMMITTED), so it sees what a twin upload committed while this one waited.
        try (PreparedStatement lockAndRead = transaction.connection().prepareStatement(LOCK + "; " + LOCKED)) {
            // Folding the 64-bit id into an int key only risks a needless wait, never a missed one.
            lockAndRead.setInt(1, (int) (transmissionRowId ^ (transmissionRowId >>> 32)));
            lockAndRead.setInt(2, blockNumber);
            lockAndRead.setLong(3, transmissionRowId);
            lockAndRead.setInt(4, blockNumber);
            lockAndRead.setLong(5, transmissionRowId);
            lockAndRead.execute();
            try (ResultSet lockRow = lockAndRead.getResultSet()) {
                if (!lockRow.next()) {
                    return Optional.empty();
                }
            }
            if (!lockAndRead.getMoreResults()) {
                throw new IllegalStateException("The locked transmission's state was not returned");
            }
            try (ResultSet row = lockAndRead.getResultSet()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                Optional<BlockVo> stored = Optional.empty();
                long blockId = row.getLong(4);
                if (!row.wasNull()) {
                    stored = Optional.of(new BlockVo(
                            blockId,
                            row.getString(14),
                            blockNumber,
                            row.getInt(5),
                            row.getString(6),
                            row.getString(7),
                            row.getString(8),
                            row.getObject(9, OffsetDateTime.class),
                            row.getLong(10),
                            row.getString(11)));
                }
                return Optional.of(new Locked(
                        row.getString(1),
                        TransactionStatus.valueOf(row.getString(2)),
                        TransactionStatus.valueOf(row.getString(3)),
                        stored,
                        row.getString(12),
                        row.getLong(13)));
            }
        } catch (SQLException e) {
            throw failed("lock block " + blockNumber + " of transmission row " + transmissionRowId, e);
        }
    }

    /** The recorded block, and whether its quota reservation was settled with it. */
    public record Recorded(BlockVo block, boolean settled) {}

    /**
     * Records a block whose file is in place and, in the same round trip, settles its quota reservation
     * ({@link ModuleUsageStore#SETTLE}; its bytes now count for the block); {@code reservationId} empty: none to
     * settle. Returns the block as the API shows it, and whether a reservation was settled (false when it was
     * released meanwhile: the caller counts the bytes with {@link ModuleUsageStore#add}).
     */
    public Recorded insert(UploadTransaction transaction, NewBlock block, OptionalLong reservationId) {
        try (PreparedStatement insert =
                transaction.connection().prepareStatement(INSERT + "; " + ModuleUsageStore.SETTLE)) {
            insert.setLong(1, block.transmissionRowId());
            insert.setInt(2, block.blockNumber());
            insert.setInt(3, block.itemCount());
            insert.setLong(4, block.bytes());
            insert.setString(5, block.sha256());
            insert.setString(6, block.dir());
            insert.setString(7, block.fileName());
            insert.setObject(8, block.createTime());
            // No reservation: an id no row has (ids start at 1), so the DELETE settles nothing.
            insert.setLong(9, reservationId.orElse(0));
            insert.execute();
            long blockId;
            try (ResultSet row = insert.getResultSet()) {
                row.next();
                blockId = row.getLong(1);
            }
            insert.getMoreResults();
            boolean settled = insert.getUpdateCount() == 1;
            return new Recorded(
                    new BlockVo(
                            blockId,
                            block.transmissionId(),
                            block.blockNumber(),
                            block.itemCount(),
                            block.dir(),
                            block.fileName(),
                            ReceiverBlock.RECEIVED,
                            block.createTime(),
                            block.bytes(),
                            block.sha256()),
                    settled);
        } catch (SQLException e) {
            throw failed("record block " + block.blockNumber() + " of transmission " + block.transmissionId(), e);
        }
    }

    private static IllegalStateException failed(String what, SQLException e) {
        return new IllegalStateException("Could not " + what + ": " + e.getMessage(), e);
    }

    /** The transmission's blocks by block number. */
    public List<ReceiverBlock> ofTransmission(ReceiverTransmission transmission) {
        return list("transmission", Sort.by("blockNumber"), transmission);
    }

    /** How many blocks a transmission holds, and the lowest and highest block number (null when none). */
    public record Received(long count, Integer lowest, Integer highest) {}

    public Received receivedIn(ReceiverTransmission transmission) {
        Object[] row = getEntityManager()
                .createQuery(
                        "select count(b), min(b.blockNumber), max(b.blockNumber)"
                                + " from ReceiverBlock b where b.transmission = ?1",
                        Object[].class)
                .setParameter(1, transmission)
                .getSingleResult();
        return new Received((Long) row[0], (Integer) row[1], (Integer) row[2]);
    }
}
