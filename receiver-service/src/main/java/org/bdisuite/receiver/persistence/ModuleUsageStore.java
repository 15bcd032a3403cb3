package org.bdisuite.receiver.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;

/**
 * BDI_RECEIVER_MODULE_USAGE: per interface module, the bytes of data blocks its open (IN_PROGRESS) transactions
 * hold, the counter of the open-data quota; and BDI_RECEIVER_QUOTA_RESERVATION, the bytes in that counter of uploads
 * that have not committed their block yet. Plain JDBC like {@link ReceiverBlockRepository}.
 * <p>
 * An upload {@link #reserve reserves} its block's bytes in a statement of its own, committed at once: the counter
 * row is locked only for that statement, not until the block's commit, so the uploads of one module no longer wait
 * for each other's commit (and their commits share PostgreSQL's WAL flushes). The reservation commits without
 * waiting for its WAL flush: the block's commit flushes the WAL up to its own record, which lies behind the
 * reservation's, so a stored block's bytes are never counted only in memory; a reservation lost to a power loss
 * had no block. The block's transaction settles the reservation ({@link #SETTLE}) (deletes its row, the bytes stay
 * counted); a refused upload {@link #cancel cancels} it; a reservation whose upload died is
 * {@link #releaseAbandoned released} once it is older than any upload can pause.
 */
@ApplicationScoped
public class ModuleUsageStore {

    /**
     * Adds the bytes only if the sum stays within the quota, in one statement: the row lock it takes (held until
     * the caller's transaction ends) serializes concurrent uploads of the module, and each sees the sum the one
     * before it committed. No row is returned when the quota would be exceeded.
     */
    private static final String ADD = "INSERT INTO bdi_receiver_module_usage AS u (interface_module, open_bytes)"
            + " SELECT ?, ? WHERE ? <= ?"
            + " ON CONFLICT (interface_module) DO UPDATE SET open_bytes = u.open_bytes + EXCLUDED.open_bytes"
            + " WHERE u.open_bytes + EXCLUDED.open_bytes <= ?"
            + " RETURNING open_bytes";

    /**
     * Subtracts what a transaction held (the bytes of all its blocks). Never below 0: a counter that drifted must
     * not make ends and expiries fail.
     */
    private static final String RELEASE = "UPDATE bdi_receiver_module_usage SET open_bytes = GREATEST(0, open_bytes"
            + " - (SELECT coalesce(sum(b.block_bytes), 0) FROM receiver_transmission_block b"
            + " JOIN bdi_receiver_transmission t ON t.receiver_transmission_id = b.receiver_transmission_id"
            + " WHERE t.receiver_transaction_id = ?))"
            + " WHERE interface_module = ? RETURNING open_bytes";

    /**
     * Adds the bytes as {@link #ADD} does and records the reservation, in one statement and one transaction that
     * commits without waiting for the WAL flush ({@code synchronous_commit} off for this transaction only).
     */
    private static final String RESERVE = "WITH async AS (SELECT set_config('synchronous_commit', 'off', true)),"
            + " counted AS (" + ADD + ")"
            + " INSERT INTO bdi_receiver_quota_reservation (interface_module, reserved_bytes)"
            + " SELECT ?, ? FROM counted, async"
            + " RETURNING reservation_id, (SELECT open_bytes FROM counted)";

    /**
     * In the block's transaction: the bytes now belong to the stored block. Sent with the block's insert, in its round
     * trip ({@link ReceiverBlockRepository#insert}).
     */
    static final String SETTLE = "DELETE FROM bdi_receiver_quota_reservation WHERE reservation_id = ?";

    /** Gives a reservation's bytes back (committed without waiting for the WAL flush, as the reservation was). */
    private static final String CANCEL = "WITH async AS (SELECT set_config('synchronous_commit', 'off', true)),"
            + " gone AS (DELETE FROM bdi_receiver_quota_reservation WHERE reservation_id = ?"
            + " RETURNING interface_module, reserved_bytes)"
            + " UPDATE bdi_receiver_module_usage u SET open_bytes = GREATEST(0, u.open_bytes - gone.reserved_bytes)"
            + " FROM gone, async WHERE u.interface_module = gone.interface_module RETURNING u.open_bytes";

    /** Gives back every reservation older than the cutoff: what uploads that died before their commit left. */
    private static final String RELEASE_ABANDONED = "WITH gone AS (DELETE FROM bdi_receiver_quota_reservation"
            + " WHERE reserved_at < ? RETURNING interface_module, reserved_bytes),"
            + " sums AS (SELECT interface_module, sum(reserved_bytes) AS bytes FROM gone GROUP BY interface_module)"
            + " UPDATE bdi_receiver_module_usage u SET open_bytes = GREATEST(0, u.open_bytes - sums.bytes)"
            + " FROM sums WHERE u.interface_module = sums.interface_module RETURNING u.interface_module, u.open_bytes";

    private static final String ALL =
            "SELECT interface_module, open_bytes FROM bdi_receiver_module_usage" + " ORDER BY interface_module";

    private final DataSource dataSource;

    public ModuleUsageStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * In an upload's transaction: the module's new total, or empty when {@code bytes} more would exceed
     * {@code quota} (nothing changed).
     */
    public OptionalLong add(UploadTransaction transaction, String interfaceModule, long bytes, long quota) {
        try (PreparedStatement add = transaction.connection().prepareStatement(ADD)) {
            add.setString(1, interfaceModule);
            add.setLong(2, bytes);
            add.setLong(3, bytes);
            add.setLong(4, quota);
            add.setLong(5, quota);
            try (ResultSet row = add.executeQuery()) {
                return row.next() ? OptionalLong.of(row.getLong(1)) : OptionalLong.empty();
            }
        } catch (SQLException e) {
            throw failed("count " + bytes + " bytes for " + interfaceModule, e);
        }
    }

    /** Bytes added to a module's counter for an upload that has not committed its block yet. */
    public record Reservation(long id, long held) {}

    /**
     * Adds {@code bytes} to the module's counter for an upload, in a transaction of its own (call it outside any);
     * empty when they would exceed {@code quota} (nothing changed).
     */
    public Optional<Reservation> reserve(String interfaceModule, long bytes, long quota) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement reserve = connection.prepareStatement(RESERVE)) {
            reserve.setString(1, interfaceModule);
            reserve.setLong(2, bytes);
            reserve.setLong(3, bytes);
            reserve.setLong(4, quota);
            reserve.setLong(5, quota);
            reserve.setString(6, interfaceModule);
            reserve.setLong(7, bytes);
            try (ResultSet row = reserve.executeQuery()) {
                return row.next() ? Optional.of(new Reservation(row.getLong(1), row.getLong(2))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failed("reserve " + bytes + " bytes for " + interfaceModule, e);
        }
    }

    /**
     * Gives back what a refused upload reserved, in a transaction of its own; the module's new total, or empty when
     * the reservation was released already.
     */
    public OptionalLong cancel(long reservationId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement cancel = connection.prepareStatement(CANCEL)) {
            cancel.setLong(1, reservationId);
            try (ResultSet row = cancel.executeQuery()) {
                return row.next() ? OptionalLong.of(row.getLong(1)) : OptionalLong.empty();
            }
        } catch (SQLException e) {
            throw failed("cancel quota reservation " + reservationId, e);
        }
    }

    /**
     * Releases the reservations made before {@code cutoff} (their uploads died before committing); returns the new
     * totals of the modules that had any.
     */
    public Map<String, Long> releaseAbandoned(OffsetDateTime cutoff) {
        Map<String, Long> totals = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement release = connection.prepareStatement(RELEASE_ABANDONED)) {
            release.setObject(1, cutoff);
            try (ResultSet row = release.executeQuery()) {
                while (row.next()) {
                    totals.put(row.getString(1), row.getLong(2));
                }
            }
            return totals;
        } catch (SQLException e) {
            throw failed("release abandoned quota reservations", e);
        }
    }

    /** Frees what the ended or expired transaction held; returns the module's new total (0 when it had no row). */
    public long release(String interfaceModule, long transactionRowId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement release = connection.prepareStatement(RELEASE)) {
            release.setLong(1, transactionRowId);
            release.setString(2, interfaceModule);
            try (ResultSet row = release.executeQuery()) {
                return row.next() ? row.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw failed("free the bytes of receiver transaction row " + transactionRowId, e);
        }
    }

    /** Every module's total, by module name. */
    public Map<String, Long> all() {
        Map<String, Long> totals = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(ALL);
                ResultSet row = select.executeQuery()) {
            while (row.next()) {
                totals.put(row.getString(1), row.getLong(2));
            }
            return totals;
        } catch (SQLException e) {
            throw failed("read the open bytes of the interface modules", e);
        }
    }

    private static IllegalStateException failed(String what, SQLException e) {
        return new IllegalStateException("Could not " + what + ": " + e.getMessage(), e);
    }
}
