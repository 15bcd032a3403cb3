package org.bdisuite.batchadmin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bdisuite.batchadmin.BatchApi.as;
import static org.bdisuite.batchadmin.BatchApi.awaitStatus;
import static org.bdisuite.batchadmin.BatchApi.start;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.bdisuite.model.Roles;
import org.bdisuite.test.EmbeddedPostgresResource;
import org.bdisuite.test.Sql;
import org.bdisuite.test.TestUsers;
import org.bdisuite.test.TestUsers.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The extractor stages a module's source rows as an outbound data set; the importer loads a received data set
 * into the inbound table with COPY, all or nothing, so a failed import restarts without losing or doubling rows.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class PipelineJobsTest {

    private static final int ROWS = 2500;

    @Inject
    DataSource dataSource;

    private Path receiverFolder;

    private TestUser operator;

    @BeforeEach
    void setUp() throws SQLException, IOException {
        receiverFolder = Files.createTempDirectory("pipeline-receiver");
        operator = TestUsers.create(dataSource, "pipeline-operator", Roles.OPERATOR);
        try (Connection connection = dataSource.getConnection();
                Statement sql = connection.createStatement()) {
            sql.execute(
                    "CREATE TABLE IF NOT EXISTS diff_source (id INT PRIMARY KEY, name TEXT, note TEXT, amount NUMERIC(12, 2),"
                            + " created TIMESTAMPTZ)");
            sql.execute("CREATE TABLE IF NOT EXISTS diff_inbound (LIKE diff_source)");
            sql.execute("INSERT INTO diff_source SELECT g, 'item ' || g,"
                    + " CASE g % 5 WHEN 0 THEN NULL WHEN 1 THEN '' WHEN 2 THEN 'a, \"quoted\" note' WHEN 3 THEN E'two\\nlines'"
                    + " ELSE E'back\\\\slash' END, g * 1.25, timestamptz '2026-01-01 00:00:00+00' + g * interval '1 minute'"
                    + " FROM generate_series(1, " + ROWS + ") g ON CONFLICT DO NOTHING");
            sql.execute(
                    "INSERT INTO bdi_interface_pipeline (interface_module, interface_short_name, source_query, inbound_table)"
                            + " VALUES ('Diff_Fnd', 'Diff', 'SELECT id, name, note, amount, created FROM diff_source ORDER BY id',"
                            + " 'diff_inbound') ON CONFLICT DO NOTHING");
        }
    }

    @Test
    void theExtractorStagesEverySourceRowOnceAcrossPartitionsAsAReadyOutboundDataSet() throws SQLException {
        long executionId = start(operator, "Diff_Fnd_ExtractorJob", "partitions=3,itemCount=100,fetchSize=250");
        JsonPath done = awaitStatus(operator, executionId, "COMPLETED");
        assertThat(done.getInt("stepExecutionVo.find { it.stepName == 'extract' }.writeCount"))
                .isEqualTo(ROWS);

        JsonPath dataSet = as(operator)
                .get("/data/dataset/Diff_Fnd_ExtractorJob/executions/" + executionId)
                .then()
                .statusCode(200)
                .body("interfaceModule", equalTo("Diff_Fnd"))
                .extract()
                .jsonPath();
        long id = dataSet.getLong("interfaceModuleDataControlId");
        assertThat(Sql.singleLong(dataSource, "SELECT count(*) FROM bdi_outbound_row WHERE data_ctl_id = " + id))
                .isEqualTo(ROWS);
        assertThat(Sql.singleLong(
                        dataSource,
                        "SELECT count(DISTINCT sequence_number) FROM bdi_outbound_row WHERE data_ctl_id = " + id))
                .isEqualTo(ROWS);
        assertThat(Sql.singleLong(
                        dataSource,
                        "SELECT count(DISTINCT partition_number) FROM bdi_outbound_row WHERE data_ctl_id = " + id))
                .isEqualTo(3);
        assertThat(Sql.single(
                        dataSource,
                        "SELECT data_set_ready_time IS NOT NULL FROM bdi_dwnldr_iface_mod_data_ctl"
                                + " WHERE downloader_iface_mod_data_ctlid = " + id))
                .isEqualTo("t");
        assertThat(Sql.single(
                        dataSource,
                        "SELECT line FROM bdi_outbound_row WHERE data_ctl_id = " + id + " AND sequence_number = 2"))
                .isEqualTo("2,item 2,\"a, \"\"quoted\"\" note\",2.50,2026-01-01 00:02:00+00");
        as(operator)
                .get("/data/dataset/Diff_Fnd_DownloaderAndTransporterJob/nextPending")
                .then()
                .statusCode(200)
                .body("interfaceModuleDataControlId", equalTo((int) id));
    }

    @Test
    void aFailedExtractorRestartsFromItsLastCheckpointAndStagesEveryRowOnce() throws SQLException {
        Sql.execute(
                dataSource,
                "INSERT INTO bdi_interface_pipeline (interface_module, interface_short_name, source_query,"
                        + " inbound_table) VALUES ('Restart_Fnd', 'Diff', 'SELECT id, name FROM diff_source ORDER BY id', 'diff_inbound')"
                        + " ON CONFLICT DO NOTHING");
        long first = start(operator, "Restart_Fnd_ExtractorJob", "partitions=2,itemCount=100,failAfterRows=250");
        JsonPath failed = awaitStatus(operator, first, "FAILED");
        assertThat(failed.getInt("stepExecutionVo.find { it.stepName == 'extract' }.writeCount"))
                .isEqualTo(200);
        long id = as(operator)
                .get("/data/dataset/Restart_Fnd_ExtractorJob/executions/" + first)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("interfaceModuleDataControlId");
        assertThat(Sql.singleLong(dataSource, "SELECT count(*) FROM bdi_outbound_row WHERE data_ctl_id = " + id))
                .isEqualTo(200);

        long second = as(operator)
                .queryParam("jobParameters", "partitions=2,itemCount=100,failAfterRows=1000000")
                .post("/batch/jobs/executions/" + first)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("executionId");
        JsonPath done = awaitStatus(operator, second, "COMPLETED");
        assertThat(done.getInt("stepExecutionVo.find { it.stepName == 'extract' }.writeCount"))
                .isEqualTo(ROWS - 200);
        as(operator)
                .get("/data/dataset/Restart_Fnd_ExtractorJob/executions/" + second)
                .then()
                .statusCode(200)
                .body("interfaceModuleDataControlId", equalTo((int) id));
        assertThat(Sql.singleLong(dataSource, "SELECT count(*) FROM bdi_outbound_row WHERE data_ctl_id = " + id))
                .isEqualTo(ROWS);
        assertThat(Sql.singleLong(
                        dataSource,
                        "SELECT count(DISTINCT sequence_number) FROM bdi_outbound_row" + " WHERE data_ctl_id = " + id))
                .isEqualTo(ROWS);
        assertThat(Sql.single(
                        dataSource,
                        "SELECT string_agg(line, '|' ORDER BY sequence_number) = (SELECT string_agg(id || ','"
                                + " || 'item ' || id, '|' ORDER BY id) FROM diff_source) FROM bdi_outbound_row WHERE data_ctl_id = "
                                + id))
                .isEqualTo("t");
    }

    /**
     * The import fails on its third file (a block file that is gone, as on a shared volume not yet mounted), after
     * two files were copied; with the file back, the restart loads every row once.
     */
    @Test
    void aFailedImportLoadsNothingAndItsRestartLoadsEveryRowExactlyOnce() throws Exception {
        long dataSet = receivedDataSet("Diff_Fnd", 1);
        Path block = receiverFolder.resolve("tx-Diff_Fnd/T2/2/block.csv");
        Path away = Files.move(block, block.resolveSibling("block.csv.away"));
        long first = start(operator, "Diff_Fnd_ImporterJob", "dataSetId=" + dataSet);
        awaitStatus(operator, first, "FAILED");
        assertThat(Sql.singleLong(dataSource, "SELECT count(*) FROM diff_inbound"))
                .isZero();
        as(operator)
                .get("/data/dataset/Diff_Fnd_ImporterJob/nextPending")
                .then()
                .statusCode(200)
                .body("interfaceModuleDataControlId", equalTo((int) dataSet));

        Files.move(away, block);
        long second = as(operator)
                .post("/batch/jobs/executions/" + first)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("executionId");
        awaitStatus(operator, second, "COMPLETED");
        assertThat(Sql.singleLong(dataSource, "SELECT count(*) FROM diff_inbound"))
                .isEqualTo(ROWS);
        assertThat(Sql.singleLong(
                        dataSource,
                        "SELECT count(*) FROM (SELECT * FROM diff_source EXCEPT ALL"
                                + " SELECT * FROM diff_inbound) missing"))
                .isZero();
        assertThat(Sql.singleLong(
                        dataSource,
                        "SELECT count(*) FROM (SELECT * FROM diff_inbound EXCEPT ALL"
                                + " SELECT * FROM diff_source) extra"))
                .isZero();
        as(operator)
                .get("/data/dataset/Diff_Fnd_ImporterJob/nextPending")
                .then()
                .statusCode(404);
        as(operator)
                .get("/data/dataset/Diff_Fnd_ImporterJob/executions/" + second)
                .then()
                .statusCode(200)
                .body("interfaceModuleDataControlId", equalTo((int) dataSet));
    }

    /**
     * A file changed after the hand-over (same rows, other bytes) fails the import, which loads nothing: the importer
     * checks every file against the rows, bytes and sha-256 the receiver recorded.
     */
    @Test
    void aFileThatIsNotTheOneHandedOverFailsTheImportAndLoadsNothing() throws Exception {
        long dataSet = receivedDataSet("Diff_Fnd", 1);
        Path block = receiverFolder.resolve("tx-Diff_Fnd/T3/1/block.csv");
        List<String> lines = Files.readAllLines(block, StandardCharsets.UTF_8);
        lines.set(0, lines.get(0).replace("item", "ITEM"));
        Files.write(block, lines, StandardCharsets.UTF_8);
        long inboundBefore = Sql.singleLong(dataSource, "SELECT count(*) FROM diff_inbound");

        long execution = start(operator, "Diff_Fnd_ImporterJob", "dataSetId=" + dataSet);
        JsonPath failed = awaitStatus(operator, execution, "FAILED");
        assertThat(Sql.singleLong(dataSource, "SELECT count(*) FROM diff_inbound"))
                .isEqualTo(inboundBefore);
        as(operator)
                .get("/data/dataset/Diff_Fnd_ImporterJob/nextPending")
                .then()
                .statusCode(200)
                .body("interfaceModuleDataControlId", equalTo((int) dataSet));
        // Not pending for the other tests of this class, which share the module.
        Sql.execute(dataSource, "DELETE FROM bdi_upldr_data_set_file WHERE uploader_iface_mod_data_ctlid = " + dataSet);
        Sql.execute(
                dataSource,
                "DELETE FROM bdi_upldr_iface_mod_data_ctl WHERE uploader_iface_mod_data_ctlid = " + dataSet);
        assertThat(failed.getString("executionStatus")).isEqualTo("FAILED");
    }

    /**
     * The replica running the importer died after the load's transaction committed and before JBeret recorded the
     * job's end; the lease recovery marked the execution FAILED, and it is restarted (here: a job whose step after
     * the import fails once, restarted with the import step run again). The restart must not load the data set again
     * (found by the batch crash trials: the inbound table held every row twice).
     */
    @Test
    void aRestartAfterTheLoadCommittedButBeforeTheJobEndedLoadsNothingAgain() throws Exception {
        long dataSet = receivedDataSet("Twice_Fnd", 2);
        Sql.execute(dataSource, "TRUNCATE diff_inbound");
        Sql.execute(
                dataSource,
                "INSERT INTO bdi_interface_pipeline (interface_module, interface_short_name, source_query,"
                        + " inbound_table) VALUES ('Twice_Fnd', 'Diff', 'SELECT 1', 'diff_inbound')"
                        + " ON CONFLICT DO NOTHING");
        try {
            long first = start(operator, "Twice_Fnd_ImporterJob", "dataSetId=" + dataSet);
            awaitStatus(operator, first, "FAILED");
            assertThat(Sql.singleLong(dataSource, "SELECT count(*) FROM diff_inbound"))
                    .isEqualTo(ROWS);

            long second = as(operator)
                    .post("/batch/jobs/executions/" + first)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getLong("executionId");
            awaitStatus(operator, second, "COMPLETED");
            assertThat(Sql.singleLong(dataSource, "SELECT count(*) FROM diff_inbound"))
                    .isEqualTo(ROWS);
        } finally {
            Sql.execute(dataSource, "TRUNCATE diff_inbound");
        }
    }

    /**
     * A data set as a receiver hands it over: the handshake row and its file list (bdi_upldr_data_set_file), and
     * nothing else of the receiver's. Partition 1 is one merged file whose name no importer could guess, partitions
     * 2 and 3 are block files of 400 rows; the list gives each file's path, rows, bytes and sha-256.
     */
    /**
     * The importer continues the trace the receiver stored with its hand-over (its endTransaction's span): the
     * execution's span is in that trace, and its views name it (docs/ARCHITECTURE.md, "Tracing").
     */
    @Test
    void theImporterContinuesTheTraceTheReceiverStoredWithTheHandOver() throws Exception {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        long dataSet = receivedDataSet("Diff_Fnd", 35);
        Sql.execute(
                dataSource,
                "UPDATE bdi_upldr_iface_mod_data_ctl SET trace_parent = '00-" + traceId + "-00f067aa0ba902b7-01'"
                        + " WHERE uploader_iface_mod_data_ctlid = " + dataSet);
        try {
            long executionId = start(operator, "Diff_Fnd_ImporterJob", "dataSetId=" + dataSet);
            JsonPath done = awaitStatus(operator, executionId, "COMPLETED");
            assertThat(done.getString("traceId")).isEqualTo(traceId);
            assertThat(as(operator)
                            .get("/batch/jobs/Diff_Fnd_ImporterJob/" + done.getLong("jobInstanceId") + "/executions")
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath()
                            .getString("jobInstanceExecutionVo[0].traceId"))
                    .isEqualTo(traceId);
        } finally {
            // The other tests count the inbound rows their own imports load.
            Sql.execute(dataSource, "TRUNCATE diff_inbound");
        }
    }

    private long receivedDataSet(String module, int sourceDataSetId) throws Exception {
        List<Object[]> files = new ArrayList<>();
        for (int partition = 1; partition <= 3; partition++) {
            List<String> lines;
            try (Connection connection = dataSource.getConnection()) {
                lines = csvLines(connection, partition);
            }
            Path dir = Files.createDirectories(
                    receiverFolder.resolve("tx-" + module).resolve("T" + partition));
            if (partition == 1) {
                files.add(file(dir.resolve("any-name-the-receiver-chose.data"), lines, "MERGE_TO_PARTITION_LEVEL"));
                continue;
            }
            for (int block = 1; (block - 1) * 400 < lines.size(); block++) {
                Path blockFile = Files.createDirectories(dir.resolve(String.valueOf(block)))
                        .resolve("block.csv");
                files.add(file(
                        blockFile, lines.subList((block - 1) * 400, Math.min(block * 400, lines.size())), "NO_MERGE"));
            }
        }
        try (Connection connection = dataSource.getConnection();
                Statement sql = connection.createStatement()) {
            // The hand-over row refers to the receiver transaction it came in (a foreign key); the importer never
            // reads that table.
            long transaction = key(
                    sql,
                    "INSERT INTO bdi_receiver_transaction (transaction_id, interface_module,"
                            + " source_system_name, source_system_id, source_data_set_id, data_set_type,"
                            + " source_system_data_set_ready_time, dir, receiver_transaction_status, receiver_transaction_begin_time,"
                            + " receiver_transaction_end_time) VALUES ('pipeline-import-" + System.nanoTime()
                            + "', '" + module + "', 'RMS', 'rms', " + sourceDataSetId
                            + ", 'FULL', now(), '/nowhere', 'COMPLETED', now(), now()) RETURNING receiver_transaction_id");
            long handOver = key(
                    sql,
                    "INSERT INTO bdi_upldr_iface_mod_data_ctl (interface_module, remote_transaction_id,"
                            + " source_data_set_id, src_sys_data_set_ready_time, data_set_type, data_set_ready_time,"
                            + " data_file_merge_level, source_system_name, receiver_transaction_id) VALUES ('" + module
                            + "', 'pipeline-import-" + sourceDataSetId + "', " + sourceDataSetId
                            + ", now(), 'FULL', now(), 'NO_MERGE', 'RMS', " + transaction
                            + ") RETURNING uploader_iface_mod_data_ctlid");
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO bdi_upldr_data_set_file"
                    + " (uploader_iface_mod_data_ctlid, file_number, interface_short_name, merge_level, file_path,"
                    + " row_count, byte_count, sha256) VALUES (?, ?, 'Diff', ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < files.size(); i++) {
                    Object[] file = files.get(i);
                    insert.setLong(1, handOver);
                    insert.setInt(2, i + 1);
                    for (int c = 0; c < file.length; c++) {
                        insert.setObject(3 + c, file[c]);
                    }
                    insert.executeUpdate();
                }
            }
            return handOver;
        }
    }

    /** Writes the file; returns its merge level, path, rows, bytes and sha-256 as the hand-over lists them. */
    private static Object[] file(Path path, List<String> lines, String mergeLevel) throws Exception {
        Files.write(path, lines, StandardCharsets.UTF_8);
        byte[] bytes = Files.readAllBytes(path);
        String sha256 = java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        return new Object[] {mergeLevel, path.toString(), (long) lines.size(), (long) bytes.length, sha256};
    }

    /** The source rows of one of three partitions in PostgreSQL's CSV format, as the extractor writes them. */
    private static List<String> csvLines(Connection connection, int partition) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (PreparedStatement select =
                connection.prepareStatement("SELECT id, name, note, amount, created FROM diff_source"
                        + " WHERE (id - 1) % 3 + 1 = ? ORDER BY id")) {
            select.setInt(1, partition);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    StringBuilder line = new StringBuilder();
                    for (int i = 1; i <= 5; i++) {
                        String value = rows.getString(i);
                        line.append(i > 1 ? "," : "");
                        if (value != null) {
                            line.append(
                                    value.isEmpty() || value.matches("(?s).*[,\"\n\\\\].*")
                                            ? "\"" + value.replace("\"", "\"\"") + "\""
                                            : value);
                        }
                    }
                    lines.add(line.toString());
                }
            }
        }
        return lines;
    }

    private static long key(Statement sql, String insert) throws SQLException {
        try (ResultSet key = sql.executeQuery(insert)) {
            key.next();
            return key.getLong(1);
        }
    }
}
