package org.bdisuite.receiver.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import javax.sql.DataSource;

/**
 * BDI_RECEIVER_MODULE_USAGE: per interface module, the bytes of data blocks its open (IN_PROGRESS) transactions
 * hold, the counter of the open-data quota. Plain JDBC like {@link ReceiverBlockRepository}: an upload adds to it in the
 * same database transaction (and on the same connection) that records its block.
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

    private static final String ALL =
            "SELECT interface_module, open_bytes FROM bdi_receiver_module_usage" + " ORDER BY interface_module";

    private final DataSource dataSource;

    public ModuleUsageStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The module's new total, or empty when {@code bytes} more would exceed {@code quota} (nothing changed). */
    public OptionalLong add(String interfaceModule, long bytes, long quota) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement add = connection.prepareStatement(ADD)) {
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
