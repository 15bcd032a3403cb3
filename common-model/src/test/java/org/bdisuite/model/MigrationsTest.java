package org.bdisuite.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bdisuite.test.Sql.column;
import static org.bdisuite.test.Sql.single;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.bdisuite.test.TestDatabase;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;

/** The shared schema's migrations, on a real PostgreSQL, as every service runs them at start. */
class MigrationsTest {

    private static Flyway flyway(TestDatabase.Coordinates database) {
        return Flyway.configure()
                .dataSource(database.jdbcUrl(), database.username(), database.password())
                .locations("classpath:db/migration")
                .load();
    }

    private static long migrationFileCount() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            return files.filter(f -> f.getFileName().toString().matches("V\\d+__.+\\.sql"))
                    .count();
        }
    }

    /** Versions are partitioned between services (docs/ARCHITECTURE.md), so they have gaps: the newest is not the count. */
    private static long highestVersion() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            return files.map(f -> f.getFileName().toString())
                    .filter(name -> name.matches("V\\d+__.+\\.sql"))
                    .mapToLong(name -> Long.parseLong(name.substring(1, name.indexOf("__"))))
                    .max()
                    .orElseThrow();
        }
    }

    @Test
    void migratesAnEmptyDatabaseAndASecondRunChangesNothing() throws Exception {
        TestDatabase.Coordinates database = TestDatabase.createDatabase();

        MigrateResult first = flyway(database).migrate();
        assertThat(first.success).isTrue();
        assertThat((long) first.migrationsExecuted).isEqualTo(migrationFileCount());

        MigrateResult second = flyway(database).migrate();
        assertThat(second.success).isTrue();
        assertThat(second.migrationsExecuted).isZero();
        flyway(database).validate();

        try (Connection connection = database.connect()) {
            assertThat(tables(connection))
                    .contains(
                            "suite_user",
                            "suite_role",
                            "suite_user_role",
                            "bdi_system_options",
                            "bdi_receiver_options",
                            "bdi_interface_module",
                            "bdi_interface",
                            "job_instance",
                            "job_execution",
                            "step_execution",
                            "partition_execution",
                            "qrtz_job_details",
                            "qrtz_triggers",
                            "qrtz_locks",
                            "qrtz_scheduler_state",
                            "qrtz_fired_triggers",
                            "bdi_receiver_transaction",
                            "bdi_receiver_transmission",
                            "receiver_transmission_block",
                            "bdi_upldr_iface_mod_data_ctl");
            assertThat(
                            single(
                                    connection,
                                    "SELECT variable_value FROM bdi_system_options WHERE variable_name = 'receiverMaxNumBlocks'"))
                    .isEqualTo("10000");
            assertThat(single(
                            connection,
                            "SELECT variable_value FROM bdi_system_options WHERE variable_name = 'LOADSEEDDATA'"))
                    .isEqualTo("FALSE");
            assertThat(column(connection, "SELECT name FROM suite_role ORDER BY name"))
                    .containsExactlyInAnyOrderElementsOf(Roles.ALL);
        }
    }

    /**
     * Versions are partitioned by service, so a release adds migrations below the newest applied one (V7, V15 next to
     * an applied V21). The services migrate out of order (quarkus.flyway.out-of-order, shared config); without it
     * Flyway refuses to start against the previous release's database.
     */
    @Test
    void aDatabaseOfThePreviousReleaseTakesMigrationsNumberedBelowItsNewest(
            @org.junit.jupiter.api.io.TempDir Path previousRelease) throws Exception {
        List<String> addedSince =
                List.of("V7__", "V8__", "V15__", "V18__", "V22__", "V23__", "V29__", "V30__", "V31__", "V32__");
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (addedSince.stream().noneMatch(name::startsWith)) {
                    Files.copy(file, previousRelease.resolve(name));
                }
            }
        }
        TestDatabase.Coordinates database = TestDatabase.createDatabase();
        Flyway.configure()
                .dataSource(database.jdbcUrl(), database.username(), database.password())
                .locations("filesystem:" + previousRelease)
                .load()
                .migrate();

        assertThatThrownBy(() -> flyway(database).migrate()).hasMessageContaining("not applied");

        MigrateResult upgrade = Flyway.configure()
                .dataSource(database.jdbcUrl(), database.username(), database.password())
                .locations("classpath:db/migration")
                .outOfOrder(true)
                .load()
                .migrate();
        assertThat(upgrade.success).isTrue();
        assertThat(flyway(database).info().pending()).isEmpty();
        try (Connection connection = database.connect()) {
            assertThat(tables(connection)).contains("bdi_destination", "bdi_receiver_module_usage");
        }
    }

    @Test
    void threeServicesStartingAtOnceMigrateTheSchemaExactlyOnce() throws Exception {
        TestDatabase.Coordinates database = TestDatabase.createDatabase();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Callable<MigrateResult>> starts = List.of(
                    () -> flyway(database).migrate(),
                    () -> flyway(database).migrate(),
                    () -> flyway(database).migrate());
            int executed = 0;
            for (Future<MigrateResult> result : pool.invokeAll(starts)) {
                assertThat(result.get().success).isTrue();
                executed += result.get().migrationsExecuted;
            }
            assertThat((long) executed).isEqualTo(migrationFileCount());
        } finally {
            pool.shutdownNow();
        }
        try (Connection connection = database.connect()) {
            assertThat(single(
                            connection,
                            "SELECT count(*) FROM flyway_schema_history WHERE success AND version IS NOT NULL"))
                    .isEqualTo(String.valueOf(migrationFileCount()));
        }
    }

    @Test
    void receiverOptionsAcceptOnlyTheSpecsMergeStrategiesAndFolderTemplate() throws Exception {
        TestDatabase.Coordinates database = TestDatabase.createDatabase();
        flyway(database).migrate();
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO bdi_receiver_options (interface_module, interface_short_name, base_folder)"
                    + " VALUES ('Diff_Fnd', 'Diff', '/data')");
            assertThat(single(connection, "SELECT folder_template || ' ' || merge_strategy FROM bdi_receiver_options"))
                    .isEqualTo("${basefolder}/${TxId}/${TId}/${BId}/ NO_MERGE");

            assertThatThrownBy(() -> statement.execute("INSERT INTO bdi_receiver_options"
                            + " (interface_module, interface_short_name, base_folder, merge_strategy)"
                            + " VALUES ('Diff_Fnd', 'Other', '/data', 'MERGE_EVERYTHING')"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("bdi_receiver_options_merge_chk");
            assertThatThrownBy(() ->
                            statement.execute("UPDATE bdi_receiver_options SET folder_template = '${basefolder}/x/'"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("bdi_receiver_options_template_chk");
            assertThatThrownBy(
                            () -> statement.execute(
                                    "INSERT INTO bdi_receiver_options"
                                            + " (interface_module, interface_short_name, base_folder) VALUES ('Diff_Fnd', 'Diff', '/other')"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("bdi_receiver_options_interface_uk");
        }
    }

    @Test
    void usersNeedABcryptHashAndAKnownRole() throws Exception {
        TestDatabase.Coordinates database = TestDatabase.createDatabase();
        flyway(database).migrate();
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.execute(
                            "INSERT INTO suite_user (username, password_hash) VALUES ('alice', 'plain-text-password')"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("suite_user_password_hash_chk");
            assertThatThrownBy(() ->
                            statement.execute("INSERT INTO suite_user (username, password_hash) VALUES ('../etc', '"
                                    + "$2a$10$abcdefghijklmnopqrstuuCa1NZrgf0PH3Tr4rY9sdo8B5FdWRW/G')"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("suite_user_username_chk");

            statement.execute("INSERT INTO suite_user (username, password_hash) VALUES ('alice', "
                    + "'$2a$10$abcdefghijklmnopqrstuuCa1NZrgf0PH3Tr4rY9sdo8B5FdWRW/G')");
            assertThatThrownBy(() -> statement.execute("INSERT INTO suite_user_role (user_id, role_name)"
                            + " SELECT id, 'superuser' FROM suite_user WHERE username = 'alice'"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("suite_user_role_role_name_fkey");
        }
    }

    @Test
    void interfaceNamesThatCouldEscapeAFolderAreRejected() throws Exception {
        TestDatabase.Coordinates database = TestDatabase.createDatabase();
        flyway(database).migrate();
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement()) {
            for (String bad : List.of("..", "a/b", "a\\\\b", "")) {
                assertThatThrownBy(() ->
                                statement.execute("INSERT INTO bdi_interface_module (name) VALUES (E'" + bad + "')"))
                        .as(bad)
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("bdi_interface_module_name_chk");
            }
            statement.execute("INSERT INTO bdi_interface_module (name, source_system_name) VALUES ('Diff_Fnd', 'RMS')");
            statement.execute("INSERT INTO bdi_interface (interface_module_id, short_name)"
                    + " SELECT id, 'Diff' FROM bdi_interface_module");
            assertThatThrownBy(() -> statement.execute("INSERT INTO bdi_interface (interface_module_id, short_name)"
                            + " SELECT id, 'Diff' FROM bdi_interface_module"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("bdi_interface_module_short_name_uk");
        }
    }

    @Test
    void aServiceOfAnOlderReleaseStartsAgainstANewerSchema(@org.junit.jupiter.api.io.TempDir Path olderRelease)
            throws Exception {
        TestDatabase.Coordinates database = TestDatabase.createDatabase();
        flyway(database).migrate();
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            for (Path file : files.sorted().toList()) {
                if (!file.getFileName().toString().startsWith("V" + highestVersion() + "__")) {
                    Files.copy(file, olderRelease.resolve(file.getFileName()));
                }
            }
        }
        // As every service is configured (suite-runtime: quarkus.flyway.ignore-migration-patterns=*:future).
        Flyway older = Flyway.configure()
                .dataSource(database.jdbcUrl(), database.username(), database.password())
                .locations("filesystem:" + olderRelease)
                .ignoreMigrationPatterns("*:future")
                .load();
        MigrateResult result = older.migrate();
        assertThat(result.success).isTrue();
        assertThat(result.migrationsExecuted).isZero();
    }

    @Test
    void theReceiverTablesEnforceItsIdempotencyRules() throws Exception {
        TestDatabase.Coordinates database = TestDatabase.createDatabase();
        flyway(database).migrate();
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement()) {
            String transaction =
                    "INSERT INTO bdi_receiver_transaction (transaction_id, interface_module, source_system_name,"
                            + " source_system_id, source_data_set_id, data_set_type, source_system_data_set_ready_time, dir,"
                            + " receiver_transaction_status, receiver_transaction_begin_time)"
                            + " VALUES ('Tx#1', 'Diff_Fnd', 'RMS', 'rms-1', 7, 'FULL', now(), '/d', 'IN_PROGRESS', now())";
            statement.execute(transaction);
            assertThatThrownBy(() -> statement.execute(transaction))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("bdi_receiver_transaction_id_uk");
            assertThatThrownBy(() -> statement.execute(
                            "UPDATE bdi_receiver_transaction SET receiver_transaction_status = 'COMPLETED'"))
                    .as("an ended transaction has an end time")
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("bdi_receiver_transaction_end_chk");

            String transmission = "INSERT INTO bdi_receiver_transmission (receiver_transaction_id, transmission_id,"
                    + " source_system_name, interface_module, interface_short_name, source_system_partition_name,"
                    + " source_system_partition_begin_sequence_number, source_system_partition_end_sequence_number,"
                    + " begin_block_number, dir, receiver_transmission_status, receiver_transmission_begin_time)"
                    + " SELECT receiver_transaction_id, '1', 'RMS', 'Diff_Fnd', 'Diff', '1', 1, 100, 1, '/d',"
                    + " 'IN_PROGRESS', now() FROM bdi_receiver_transaction";
            statement.execute(transmission);
            assertThatThrownBy(() -> statement.execute(transmission))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("bdi_receiver_transmission_name_uk");

            String block = "INSERT INTO receiver_transmission_block (receiver_transmission_id, block_number,"
                    + " block_item_count, block_bytes, sha256, dir, file_name, receiver_block_status, create_time)"
                    + " SELECT receiver_transmission_id, 1, 100, 2048, repeat('a', 64), '/d', 'Diff.csv', 'RECEIVED',"
                    + " now() FROM bdi_receiver_transmission";
            statement.execute(block);
            assertThatThrownBy(() -> statement.execute(block))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("receiver_transmission_block_number_uk");

            String handshake = "INSERT INTO bdi_upldr_iface_mod_data_ctl (interface_module, remote_transaction_id,"
                    + " source_data_set_id, src_sys_data_set_ready_time, data_set_type, data_set_ready_time,"
                    + " data_file_merge_level, source_system_name, receiver_transaction_id)"
                    + " SELECT 'Diff_Fnd', 'Tx#1', 7, now(), 'FULL', now(), 'NO_MERGE', 'RMS', receiver_transaction_id"
                    + " FROM bdi_receiver_transaction";
            statement.execute(handshake);
            assertThatThrownBy(() -> statement.execute(handshake))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("bdi_upldr_iface_mod_data_ctl_tx_uk");
        }
    }

    private static List<String> tables(Connection connection) throws SQLException {
        return column(connection, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
    }
}
