package org.bdisuite.batchadmin;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/** A receiver's hand-over as the receiver writes it: the transaction, the data set row and one file of it. */
final class TestHandOvers {

    private TestHandOvers() {}

    /**
     * Hands over {@code file} (interface {@code Diff}) as a FULL data set of {@code module}; {@code rows} is the row
     * count the receiver recorded for the file (null: not recorded). Returns the data set's id.
     */
    static long handOver(DataSource dataSource, String module, String transactionId, Path file, Long rows)
            throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            long transaction = key(
                    connection,
                    "INSERT INTO bdi_receiver_transaction (transaction_id, interface_module, source_system_name,"
                            + " source_system_id, source_data_set_id, data_set_type, source_system_data_set_ready_time,"
                            + " dir, receiver_transaction_status, receiver_transaction_begin_time,"
                            + " receiver_transaction_end_time) VALUES (?, ?, 'RMS', 'rms', 1, 'FULL', now(), '/nowhere',"
                            + " 'COMPLETED', now(), now()) RETURNING receiver_transaction_id",
                    transactionId,
                    module);
            long handOver = key(
                    connection,
                    "INSERT INTO bdi_upldr_iface_mod_data_ctl (interface_module, remote_transaction_id,"
                            + " source_data_set_id, src_sys_data_set_ready_time, data_set_type, data_set_ready_time,"
                            + " data_file_merge_level, source_system_name, receiver_transaction_id) VALUES (?, ?, 1,"
                            + " now(), 'FULL', now(), 'NO_MERGE', 'RMS', ?) RETURNING uploader_iface_mod_data_ctlid",
                    module,
                    transactionId,
                    transaction);
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO bdi_upldr_data_set_file (uploader_iface_mod_data_ctlid, file_number,"
                            + " interface_short_name, merge_level, file_path, row_count) VALUES (?, 1, 'Diff',"
                            + " 'NO_MERGE', ?, ?)")) {
                insert.setLong(1, handOver);
                insert.setString(2, file.toString());
                insert.setObject(3, rows);
                insert.executeUpdate();
            }
            return handOver;
        }
    }

    private static long key(Connection connection, String insert, Object... arguments) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(insert)) {
            for (int i = 0; i < arguments.length; i++) {
                statement.setObject(i + 1, arguments[i]);
            }
            try (ResultSet key = statement.executeQuery()) {
                key.next();
                return key.getLong(1);
            }
        }
    }
}
