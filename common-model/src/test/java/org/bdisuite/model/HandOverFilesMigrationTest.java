package org.bdisuite.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.bdisuite.test.TestDatabase;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;

/**
 * V8 adds the hand-over's file list. A data set handed over before it (and not imported yet) gets its list from
 * what the receiver of that release left: the interface-level merged file, the partition-level merged files, or
 * the block files; so the importer, which reads only the list, still loads it.
 */
class HandOverFilesMigrationTest {

    @Test
    void dataSetsHandedOverBeforeV8GetTheFilesTheReceiverOfThatReleaseLeft() throws Exception {
        TestDatabase.Coordinates database = TestDatabase.createDatabase();
        flyway(database).target(MigrationVersion.fromVersion("7")).load().migrate();
        long handOver;
        try (Connection connection = database.connect();
                Statement sql = connection.createStatement()) {
            // Interface A merged to interface level, B to partition level, C not merged (two blocks).
            long tx = key(
                    sql,
                    "INSERT INTO bdi_receiver_transaction (transaction_id, interface_module, source_system_name,"
                            + " source_system_id, source_data_set_id, data_set_type, source_system_data_set_ready_time,"
                            + " dir, file_name, receiver_transaction_status, receiver_transaction_begin_time,"
                            + " receiver_transaction_end_time) VALUES ('Tx#7', 'M', 'RMS', 'rms', 1, 'FULL', now(),"
                            + " '/data/bdi-data/Tx#7', 'A.csv', 'COMPLETED', now(), now()) RETURNING receiver_transaction_id");
            long a1 = transmission(sql, tx, "1", "A", null);
            long a2 = transmission(sql, tx, "2", "A", null);
            long b1 = transmission(sql, tx, "3", "B", "B.csv");
            long c1 = transmission(sql, tx, "4", "C", null);
            block(sql, a1, 1, 5);
            block(sql, a2, 1, 6);
            block(sql, b1, 1, 7);
            block(sql, b1, 2, 8);
            block(sql, c1, 1, 9);
            block(sql, c1, 2, 10);
            handOver = key(
                    sql,
                    "INSERT INTO bdi_upldr_iface_mod_data_ctl (interface_module, remote_transaction_id,"
                            + " source_data_set_id, src_sys_data_set_ready_time, data_set_type, data_set_ready_time,"
                            + " data_file_merge_level, source_system_name, receiver_transaction_id) VALUES ('M', 'Tx#7',"
                            + " 1, now(), 'FULL', now(), 'NO_MERGE', 'RMS', " + tx
                            + ") RETURNING uploader_iface_mod_data_ctlid");
        }

        flyway(database).load().migrate();

        try (Connection connection = database.connect();
                Statement sql = connection.createStatement();
                ResultSet rows = sql.executeQuery("SELECT file_number || '|' || interface_short_name || '|'"
                        + " || merge_level || '|' || file_path || '|' || row_count FROM bdi_upldr_data_set_file"
                        + " WHERE uploader_iface_mod_data_ctlid = " + handOver + " ORDER BY file_number")) {
            List<String> files = new ArrayList<>();
            while (rows.next()) {
                files.add(rows.getString(1));
            }
            assertThat(files)
                    .containsExactly(
                            "1|A|MERGE_TO_INTERFACE_LEVEL|/data/bdi-data/Tx#7/A.csv|11",
                            "2|B|MERGE_TO_PARTITION_LEVEL|/data/bdi-data/Tx#7/3/B.csv|15",
                            "3|C|NO_MERGE|/data/bdi-data/Tx#7/4/1/C_1.csv|9",
                            "4|C|NO_MERGE|/data/bdi-data/Tx#7/4/2/C_2.csv|10");
        }
    }

    private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(TestDatabase.Coordinates database) {
        return Flyway.configure()
                .dataSource(database.jdbcUrl(), database.username(), database.password())
                .locations("classpath:db/migration");
    }

    private static long transmission(Statement sql, long tx, String id, String shortName, String fileName)
            throws SQLException {
        return key(
                sql,
                "INSERT INTO bdi_receiver_transmission (receiver_transaction_id, transmission_id, source_system_name,"
                        + " interface_module, interface_short_name, source_system_partition_name,"
                        + " source_system_partition_begin_sequence_number, source_system_partition_end_sequence_number,"
                        + " begin_block_number, end_block_number, dir, file_name, receiver_transmission_status,"
                        + " receiver_transmission_begin_time, receiver_transmission_end_time) VALUES (" + tx + ", '"
                        + id + "', 'RMS', 'M', '" + shortName + "', '" + id + "', 1, 1, 1, 2, '/data/bdi-data/Tx#7/"
                        + id + "', " + (fileName == null ? "NULL" : "'" + fileName + "'")
                        + ", 'COMPLETED', now(), now()) RETURNING receiver_transmission_id");
    }

    private static void block(Statement sql, long transmission, int number, int rows) throws SQLException {
        sql.execute("INSERT INTO receiver_transmission_block (receiver_transmission_id, block_number, block_item_count,"
                + " block_bytes, sha256, dir, file_name, receiver_block_status, create_time) SELECT "
                + transmission + ", " + number + ", " + rows + ", 1, repeat('0', 64), t.dir || '/" + number
                + "', t.interface_short_name || '_" + number + ".csv', 'RECEIVED', now()"
                + " FROM bdi_receiver_transmission t WHERE t.receiver_transmission_id = " + transmission);
    }

    private static long key(Statement sql, String insert) throws SQLException {
        try (ResultSet key = sql.executeQuery(insert)) {
            key.next();
            return key.getLong(1);
        }
    }
}
