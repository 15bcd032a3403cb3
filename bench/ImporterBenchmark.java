import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedWriter;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The importer job (Diff_Fnd_ImporterJob on the packaged batch-admin-service) loading a received data set of
 * 1,000,000 rows (one merged file) into an inbound table, against `psql \copy` of the same file into an identical
 * table, in the same run. The importer's figure is its step's own start-to-end time from the Batch Service
 * (COPY plus its bookkeeping, all in one transaction); psql's is its wall time. Median of RUNS loads each, into
 * an emptied table. Run with bench/importer.sh.
 */
public class ImporterBenchmark {

    private static final int ROWS = 1_000_000;
    private static final int RUNS = 3;

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        Path jar = root.resolve("batch-admin-service/target/quarkus-app/quarkus-run.jar");
        Path work = Files.createTempDirectory("importer-bench");
        try (EmbeddedPostgres postgres = BenchSupport.startDatabase(null)) {
            String jdbcUrl = postgres.getJdbcUrl("postgres", "bench");
            Path file = work.resolve("Diff.csv");
            writeFile(file);
            System.out.printf("machine: %d cores; %,d rows, %,d bytes in one file; median of %d loads each%n",
                    Runtime.getRuntime().availableProcessors(), ROWS, Files.size(file), RUNS);
            int port = freePort();
            Path log = work.resolve("batch-admin.log");
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", jar.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl);
            builder.environment().put("QUARKUS_DATASOURCE_USERNAME", "postgres");
            builder.environment().put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
            builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
            builder.environment().put("QUARKUS_HTTP_SSL_PORT", String.valueOf(freePort()));
            builder.environment().put("SUITE_BOOTSTRAP_ADMIN_USER", "bench");
            builder.environment().put("SUITE_BOOTSTRAP_ADMIN_PASSWORD", "bench-password-1");
            Process service = builder.start();
            try (Connection jdbc = postgres.getDatabase("postgres", "bench").getConnection(); Statement sql = jdbc.createStatement()) {
                HttpClient http = HttpClient.newHttpClient();
                URI base = URI.create("http://127.0.0.1:" + port + "/");
                awaitReady(http, base, service, log);
                String auth = "Basic " + Base64.getEncoder().encodeToString("bench:bench-password-1".getBytes(StandardCharsets.UTF_8));
                sql.execute("CREATE TABLE diff_in (id BIGINT, diff_id VARCHAR(10), diff_desc VARCHAR(120), diff_type VARCHAR(6),"
                        + " amount NUMERIC(12, 2), created TIMESTAMPTZ)");
                sql.execute("CREATE TABLE diff_psql (LIKE diff_in)");
                sql.execute("INSERT INTO bdi_interface_pipeline (interface_module, interface_short_name, source_query, inbound_table)"
                        + " VALUES ('Diff_Fnd', 'Diff', 'SELECT 1', 'diff_in')");
                List<Double> importer = new ArrayList<>();
                List<Double> psql = new ArrayList<>();
                for (int run = 1; run <= RUNS; run++) {
                    long dataSet = receivedDataSet(sql, work, file, run);
                    sql.execute("TRUNCATE diff_in");
                    sql.execute("TRUNCATE diff_psql");
                    sql.execute("CHECKPOINT");
                    importer.add(importSeconds(http, base, auth, dataSet));
                    check(sql, "diff_in");
                    sql.execute("CHECKPOINT");
                    psql.add(psqlSeconds(postgres.getPort(), file));
                    check(sql, "diff_psql");
                }
                double i = median(importer);
                double p = median(psql);
                System.out.printf("%nimporter job (COPY via pgjdbc CopyManager): %.2f s = %,.0f rows/s   runs %s%n", i, ROWS / i, importer);
                System.out.printf("psql \\copy of the same file:                %.2f s = %,.0f rows/s   runs %s%n", p, ROWS / p, psql);
                System.out.printf("importer throughput as a share of psql's: %.2fx (goal >= 0.8x)%n", p / i);
            } finally {
                service.destroy();
                service.waitFor();
            }
        }
    }

    private static double importSeconds(HttpClient http, URI base, String auth, long dataSet) throws Exception {
        HttpResponse<String> started = http.send(HttpRequest.newBuilder(base.resolve(
                        "batch/jobs/Diff_Fnd_ImporterJob?jobParameters=dataSetId=" + dataSet))
                .header("Authorization", auth).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        Matcher id = Pattern.compile("\"executionId\":(\\d+)").matcher(started.body());
        if (!id.find()) {
            throw new IllegalStateException("Start failed: " + started.body());
        }
        while (true) {
            String body = http.send(HttpRequest.newBuilder(base.resolve("batch/jobs/executions/" + id.group(1)))
                    .header("Authorization", auth).build(), HttpResponse.BodyHandlers.ofString()).body();
            if (body.contains("\"executionStatus\":\"COMPLETED\"")) {
                Matcher start = Pattern.compile("\"stepStartTime\":\"([^\"]+)\"").matcher(body);
                Matcher end = Pattern.compile("\"stepEndTime\":\"([^\"]+)\"").matcher(body);
                start.find();
                end.find();
                return Duration.between(OffsetDateTime.parse(start.group(1)), OffsetDateTime.parse(end.group(1))).toMillis() / 1000.0;
            }
            if (body.contains("\"executionStatus\":\"FAILED\"")) {
                throw new IllegalStateException("The importer failed: " + body);
            }
            Thread.sleep(100);
        }
    }

    private static double psqlSeconds(int port, Path file) throws Exception {
        long start = System.nanoTime();
        Process psql = new ProcessBuilder("psql", "-h", "127.0.0.1", "-p", String.valueOf(port), "-U", "postgres", "-d", "bench",
                "-v", "ON_ERROR_STOP=1", "-c", "\\copy diff_psql FROM '" + file + "' (FORMAT csv)").inheritIO().start();
        if (psql.waitFor() != 0) {
            throw new IllegalStateException("psql failed");
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static void check(Statement sql, String table) throws Exception {
        try (ResultSet rows = sql.executeQuery("SELECT count(*) FROM " + table)) {
            rows.next();
            if (rows.getLong(1) != ROWS) {
                throw new IllegalStateException(table + " holds " + rows.getLong(1) + " rows");
            }
        }
    }

    /**
     * The rows as the receiver would hold them after a partition-level merge: one file, the handshake row and its file
     * list (the importer reads only these two tables, and checks the file's rows, bytes and SHA-256 as it loads).
     */
    private static long receivedDataSet(Statement sql, Path work, Path file, int run) throws Exception {
        long transaction = key(sql, "INSERT INTO bdi_receiver_transaction (transaction_id, interface_module, source_system_name,"
                + " source_system_id, source_data_set_id, data_set_type, source_system_data_set_ready_time, dir,"
                + " receiver_transaction_status, receiver_transaction_begin_time, receiver_transaction_end_time) VALUES ('bench-"
                + run + "', 'Diff_Fnd', 'RMS', 'rms', " + run + ", 'FULL', now(), '" + work + "', 'COMPLETED', now(), now())"
                + " RETURNING receiver_transaction_id");
        sql.execute("INSERT INTO bdi_receiver_transmission (receiver_transaction_id, transmission_id, source_system_name,"
                + " interface_module, interface_short_name, source_system_partition_name, source_system_partition_begin_sequence_number,"
                + " source_system_partition_end_sequence_number, begin_block_number, end_block_number, dir, file_name,"
                + " receiver_transmission_status, receiver_transmission_begin_time, receiver_transmission_end_time) VALUES ("
                + transaction + ", 'T" + run + "', 'RMS', 'Diff_Fnd', 'Diff', 'P1', 1, " + ROWS + ", 1, 1, '" + work
                + "', 'Diff.csv', 'COMPLETED', now(), now())");
        long handOver = key(sql, "INSERT INTO bdi_upldr_iface_mod_data_ctl (interface_module, remote_transaction_id, source_data_set_id,"
                + " src_sys_data_set_ready_time, data_set_type, data_set_ready_time, data_file_merge_level, source_system_name,"
                + " receiver_transaction_id) VALUES ('Diff_Fnd', 'bench-" + run + "', " + run + ", now(), 'FULL', now(),"
                + " 'MERGE_TO_PARTITION_LEVEL', 'RMS', " + transaction + ") RETURNING uploader_iface_mod_data_ctlid");
        sql.execute("INSERT INTO bdi_upldr_data_set_file (uploader_iface_mod_data_ctlid, file_number, interface_short_name,"
                + " merge_level, file_path, row_count, byte_count, sha256) VALUES (" + handOver + ", 1, 'Diff',"
                + " 'MERGE_TO_PARTITION_LEVEL', '" + file.toAbsolutePath() + "', " + ROWS + ", " + Files.size(file) + ", '"
                + sha256(file) + "')");
        return handOver;
    }

    private static String sha256(Path file) throws Exception {
        java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
        try (java.io.InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return java.util.HexFormat.of().formatHex(digest.digest());
    }

    private static long key(Statement sql, String insert) throws Exception {
        try (ResultSet key = sql.executeQuery(insert)) {
            key.next();
            return key.getLong(1);
        }
    }

    private static void writeFile(Path file) throws IOException {
        String[] types = {"COLOR", "SIZE", "FLAVOR", "SCENT"};
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 1; i <= ROWS; i++) {
                out.write(i + ",D" + (i % 100000) + ",\"Diff " + i + ", \"\"" + types[i % 4] + "\"\"\"," + types[i % 4] + ","
                        + (i % 10000) + "." + (i % 100) / 10 + (i % 10) + ",2026-01-01 00:00:00+00\n");
            }
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static void awaitReady(HttpClient http, URI base, Process service, Path log) throws Exception {
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                throw new IllegalStateException("batch-admin-service exited:\n" + Files.readString(log));
            }
            try {
                if (http.send(HttpRequest.newBuilder(base.resolve("q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("batch-admin-service did not become ready; see " + log);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
