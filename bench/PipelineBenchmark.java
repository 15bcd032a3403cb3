import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The whole BDI pipeline for 1,000,000 rows on the packaged services (receiver-service and batch-admin-service as
 * processes, one embedded PostgreSQL): extractor -> downloader-transporter -> receiver (merge at partition level)
 * -> importer, rows per second end to end and each job's share. Each job's time is its execution's start-to-end
 * time from the Batch Service. Baseline in the same run: the least any tool can do to move the rows from table to
 * table through a file, `psql` COPY of the source query to a file plus `\copy` of that file into a table.
 * Run with bench/pipeline.sh.
 */
public class PipelineBenchmark {

    private static final int ROWS = 1_000_000;
    private static final String USER = "bench";
    private static final String PASSWORD = "bench-password-1";

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        Path work = Files.createTempDirectory("pipeline-bench");
        try (EmbeddedPostgres postgres = BenchSupport.startDatabase(null)) {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Map<String, String> environment = new LinkedHashMap<>();
            environment.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.getJdbcUrl("postgres", "bench"));
            environment.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
            environment.put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
            environment.put("SUITE_BOOTSTRAP_ADMIN_USER", USER);
            environment.put("SUITE_BOOTSTRAP_ADMIN_PASSWORD", PASSWORD);
            environment.put("SUITE_SECRETS_KEY", Base64.getEncoder().encodeToString(key));
            environment.put("SUITE_RECEIVER_BASE_FOLDER", work.resolve("receiver").toString());
            HttpClient http = HttpClient.newHttpClient();
            Process receiver = null;
            Process batch = null;
            try (Connection jdbc = postgres.getDatabase("postgres", "bench").getConnection(); Statement sql = jdbc.createStatement()) {
                int receiverPort = freePort();
                receiver = start(root.resolve("receiver-service/target/quarkus-app/quarkus-run.jar"), environment, receiverPort,
                        work.resolve("receiver.log"));
                awaitReady(http, receiverPort, receiver, work.resolve("receiver.log"));
                int batchPort = freePort();
                batch = start(root.resolve("batch-admin-service/target/quarkus-app/quarkus-run.jar"), environment, batchPort,
                        work.resolve("batch-admin.log"));
                awaitReady(http, batchPort, batch, work.resolve("batch-admin.log"));
                URI base = URI.create("http://127.0.0.1:" + batchPort + "/");

                sql.execute("CREATE TABLE diff_out (bdi_seq_id BIGINT PRIMARY KEY, diff_id VARCHAR(10), diff_desc VARCHAR(120),"
                        + " diff_type VARCHAR(6), amount NUMERIC(12, 2), created TIMESTAMPTZ)");
                sql.execute("INSERT INTO diff_out SELECT g, 'D' || (g % 100000), 'Diff ' || g || ', \"' || g % 7 || '\"',"
                        + " (ARRAY['COLOR','SIZE','FLAVOR','SCENT'])[g % 4 + 1], (g % 10000) + 0.25,"
                        + " timestamptz '2026-01-01 00:00:00+00' + g * interval '1 second' FROM generate_series(1, " + ROWS + ") g");
                sql.execute("CREATE TABLE diff_in (LIKE diff_out)");
                sql.execute("CREATE TABLE diff_psql (LIKE diff_out)");
                sql.execute("INSERT INTO bdi_interface_pipeline (interface_module, interface_short_name, source_query, inbound_table)"
                        + " VALUES ('Diff_Fnd', 'Diff', 'SELECT * FROM diff_out ORDER BY bdi_seq_id', 'diff_in')");
                sql.execute("VACUUM ANALYZE diff_out");
                send(http, base, "PUT", "system-setting/destinations/receiver", "{\"url\":\"http://127.0.0.1:" + receiverPort
                        + "/\",\"username\":\"" + USER + "\",\"password\":\"" + PASSWORD + "\"}");
                send(http, base, "PUT", "system-setting/receiver-options/Diff_Fnd/Diff",
                        "{\"baseFolder\":\"" + work.resolve("diff") + "\",\"mergeStrategy\":\"MERGE_TO_PARTITION_LEVEL\"}");

                System.out.printf("machine: %d cores; %,d rows of 6 columns%n%n", Runtime.getRuntime().availableProcessors(), ROWS);
                double extract = run(http, base, "Diff_Fnd_ExtractorJob", "partitions=2,itemCount=1000,fetchSize=1000");
                double transport = run(http, base, "Diff_Fnd_DownloaderAndTransporterJob", "itemCount=1000");
                double load = run(http, base, "Diff_Fnd_ImporterJob", null);
                try (ResultSet rows = sql.executeQuery("SELECT count(*) FROM (SELECT * FROM diff_out EXCEPT ALL SELECT * FROM diff_in) m")) {
                    rows.next();
                    if (rows.getLong(1) != 0) {
                        throw new IllegalStateException(rows.getLong(1) + " source rows are missing from the inbound table");
                    }
                }
                double total = extract + transport + load;
                System.out.printf("%-40s %8.2f s  %5.1f%%%n", "extractor (source -> outbound staging)", extract, 100 * extract / total);
                System.out.printf("%-40s %8.2f s  %5.1f%%%n", "transporter (staging -> receiver, merge)", transport, 100 * transport / total);
                System.out.printf("%-40s %8.2f s  %5.1f%%%n", "importer (received file -> inbound)", load, 100 * load / total);
                System.out.printf("%-40s %8.2f s  = %,.0f rows/s%n", "pipeline", total, ROWS / total);

                long start = System.nanoTime();
                Path file = work.resolve("psql.csv");
                psql(postgres.getPort(), "\\copy (SELECT * FROM diff_out ORDER BY bdi_seq_id) TO '" + file + "' (FORMAT csv)");
                psql(postgres.getPort(), "\\copy diff_psql FROM '" + file + "' (FORMAT csv)");
                double baseline = (System.nanoTime() - start) / 1e9;
                System.out.printf("%-40s %8.2f s  = %,.0f rows/s%n", "baseline: psql \\copy out + \\copy in", baseline, ROWS / baseline);
                System.out.printf("pipeline throughput as a share of the baseline's: %.2fx%n", baseline / total);
            } finally {
                for (Process process : new Process[] {batch, receiver}) {
                    if (process != null) {
                        process.destroy();
                        process.waitFor();
                    }
                }
            }
        }
    }

    private static double run(HttpClient http, URI base, String job, String parameters) throws Exception {
        String started = send(http, base, "POST", "batch/jobs/" + job
                + (parameters == null ? "" : "?jobParameters=" + parameters), null);
        Matcher id = Pattern.compile("\"executionId\":(\\d+)").matcher(started);
        if (!id.find()) {
            throw new IllegalStateException("Start of " + job + " failed: " + started);
        }
        while (true) {
            String body = send(http, base, "GET", "batch/jobs/executions/" + id.group(1), null);
            if (body.contains("\"executionStatus\":\"COMPLETED\"")) {
                Matcher start = Pattern.compile("\"executionStartTime\":\"([^\"]+)\"").matcher(body);
                Matcher end = Pattern.compile("\"executionEndTime\":\"([^\"]+)\"").matcher(body);
                start.find();
                end.find();
                return Duration.between(OffsetDateTime.parse(start.group(1)), OffsetDateTime.parse(end.group(1))).toMillis() / 1000.0;
            }
            if (body.contains("\"executionStatus\":\"FAILED\"")) {
                throw new IllegalStateException(job + " failed: " + body);
            }
            Thread.sleep(200);
        }
    }

    private static String send(HttpClient http, URI base, String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Basic "
                + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        request = json == null ? request.method(method, HttpRequest.BodyPublishers.noBody())
                : request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static void psql(int port, String command) throws Exception {
        Process psql = new ProcessBuilder("psql", "-h", "127.0.0.1", "-p", String.valueOf(port), "-U", "postgres", "-d", "bench",
                "-v", "ON_ERROR_STOP=1", "-c", command).inheritIO().start();
        if (psql.waitFor() != 0) {
            throw new IllegalStateException("psql failed: " + command);
        }
    }

    private static Process start(Path jar, Map<String, String> environment, int port, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        builder.environment().put("QUARKUS_HTTP_SSL_PORT", String.valueOf(freePort()));
        return builder.start();
    }

    private static void awaitReady(HttpClient http, int port, Process service, Path log) throws Exception {
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                throw new IllegalStateException("A service exited:\n" + Files.readString(log));
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("A service did not become ready; see " + log);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
