package org.bdisuite.launcher.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bdisuite.test.Sql.column;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bdisuite.test.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo data on the real schema, as ./suite --demo loads it on every start. */
class DemoStepsTest {

    @TempDir
    Path dataDir;

    @Test
    void loadsTheDiffInterfaceAndItsOutboundRowsAndASecondRunChangesNothing() throws Exception {
        TestDatabase.Coordinates database = TestDatabase.createDatabase();
        Flyway.configure()
                .dataSource(database.jdbcUrl(), database.username(), database.password())
                .locations("classpath:db/migration")
                .load()
                .migrate();
        Path receiverFolder = dataDir.resolve("receiver");

        List<String> firstRun = new ArrayList<>();
        List<String> secondRun = new ArrayList<>();
        try (Connection connection = database.connect()) {
            DemoSteps.applyAll(context(connection, receiverFolder, firstRun));
            String before = snapshot(connection);
            DemoSteps.applyAll(context(connection, receiverFolder, secondRun));
            assertThat(snapshot(connection)).isEqualTo(before);

            assertThat(
                            column(
                                    connection,
                                    "SELECT name || ' ' || source_system_name FROM bdi_interface_module ORDER BY name COLLATE \"C\""))
                    .containsExactly("DiffGrp_Fnd RMS", "Diff_Fnd RMS");
            assertThat(
                            column(
                                    connection,
                                    "SELECT m.name || '/' || i.short_name FROM bdi_interface i"
                                            + " JOIN bdi_interface_module m ON m.id = i.interface_module_id ORDER BY m.name COLLATE \"C\""))
                    .containsExactly("DiffGrp_Fnd/DiffGrpHead", "Diff_Fnd/Diff");
            assertThat(
                            column(
                                    connection,
                                    "SELECT interface_module || '|' || interface_short_name || '|' || base_folder"
                                            + " || '|' || merge_strategy FROM bdi_receiver_options ORDER BY interface_module COLLATE \"C\""))
                    .containsExactly(
                            "DiffGrp_Fnd|DiffGrpHead|" + receiverFolder.toAbsolutePath() + "|NO_MERGE",
                            "Diff_Fnd|Diff|" + receiverFolder.toAbsolutePath() + "|NO_MERGE");
            assertThat(column(
                            connection,
                            "SELECT count(*) || ' ' || count(DISTINCT diff_id) || ' ' || min(bdi_seq_id)"
                                    + " || ' ' || max(bdi_seq_id) FROM diff_fnd_diff_out"))
                    .containsExactly("5000 5000 1 5000");
            assertThat(column(
                            connection,
                            "SELECT count(*) FROM diff_fnd_diff_out WHERE diff_desc IS NULL"
                                    + " OR diff_type NOT IN ('C', 'S', 'F', 'E', 'P') OR industry_code IS NULL"))
                    .containsExactly("0");
        }
        assertThat(firstRun)
                .anyMatch(line -> line.contains("registered interface module Diff_Fnd"))
                .anyMatch(line -> line.contains("inserted 5,000 rows"));
        assertThat(secondRun)
                .anyMatch(line -> line.contains("was already registered"))
                .anyMatch(line -> line.contains("already has 5,000 rows"))
                .noneMatch(line -> line.contains("inserted"));
    }

    @Test
    void everyStepSaysWhatItDoes() {
        assertThat(DemoSteps.all())
                .isNotEmpty()
                .allSatisfy(step -> assertThat(step.description()).isNotBlank());
    }

    private static DemoContext context(Connection connection, Path receiverFolder, List<String> report) {
        return new DemoContext(
                connection,
                receiverFolder,
                "admin",
                "not-used-by-these-steps",
                Map.of("receiver-service", URI.create("http://127.0.0.1:1")),
                report::add);
    }

    /** Every demo row with its technical columns, so that even an update in place would show. */
    private static String snapshot(Connection connection) throws SQLException {
        return String.join(
                        "\n",
                        column(connection, "SELECT id || name || version || created_at FROM bdi_interface_module"))
                + String.join(
                        "\n", column(connection, "SELECT id || short_name || version || created_at FROM bdi_interface"))
                + String.join(
                        "\n",
                        column(
                                connection,
                                "SELECT id || base_folder || version || updated_at" + " FROM bdi_receiver_options"))
                + String.join(
                        "\n",
                        column(
                                connection,
                                "SELECT md5(string_agg(t::text, ',' ORDER BY bdi_seq_id))"
                                        + " FROM diff_fnd_diff_out t"));
    }
}
