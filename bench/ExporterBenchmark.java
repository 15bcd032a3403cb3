import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Exporter throughput: CSV / JSON exports of a SQL data source over a 12-column table, run by the packaged
 * exporter-service (POST /exporter/schedules/{key}/run, started with -Xmx256m), each next to pgjdbc's CopyManager
 * copyOut of the same query to a file in the same run (the fastest CSV writer there is). Then a 10,000,000-row
 * split export under the same -Xmx256m.
 */
public final class ExporterBenchmark {

    private static final String PASSWORD = "bench-admin-password";
    private static final String HEAP = "-Xmx256m";

    private final int repeats;
    private final Path work;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String authorization = "Basic " + Base64.getEncoder()
            .encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    private BenchSupport.Service exporter;
    private String jdbcUrl;

    private ExporterBenchmark(int repeats, Path work) {
        this.repeats = repeats;
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]).toAbsolutePath().normalize();
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        long bigRows = args.length > 2 ? Long.parseLong(args[2]) : 10_000_000L;
        Path work = root.resolve("target/bench-exporter-work");
        BenchSupport.emptyFolder(work);
        new ExporterBenchmark(repeats, work).run(root, bigRows);
    }

    private void run(Path root, long bigRows) throws Exception {
        try (EmbeddedPostgres postgres = BenchSupport.startDatabase(work.resolve("postgres"))) {
            jdbcUrl = postgres.getJdbcUrl("postgres", "bench");
            Path runs = work.resolve("runs");
            BenchSupport.Service started = BenchSupport.startService(
                    root.resolve("exporter-service/target/quarkus-app/quarkus-run.jar"), jdbcUrl, PASSWORD,
                    List.of(HEAP), Map.of("SUITE_EXPORTER_WORK_DIR", runs.toString(),
                            "SUITE_EXPORTER_LOG_DIR", work.resolve("logs").toString(),
                            "SUITE_EXPORTER_DAILY_ENABLED", "false",
                            "QUARKUS_MAILER_MOCK", "true",
                            // Every export is mailed as a download link: the goal compares the export with COPY,
                            // and attaching a 10 MB file to a mail is delivery work COPY's baseline does not do
                            // (docs/BENCHMARKS.md gives the figure with the attachment).
                            "SUITE_EXPORTER_MAIL_MAX_ATTACHMENT_BYTES", "1000000",
                            // SQL data sources log in as suite_export_reader; zonky's URL names user=postgres,
                            // which pgjdbc prefers, so the pool's URL names the role last.
                            "QUARKUS_DATASOURCE_EXPORT_READER_JDBC_URL", jdbcUrl + "&user=suite_export_reader"));
            exporter = started;
            try (started) {
                long seconds = System.nanoTime();
                fill(1_000_000);
                System.out.printf("exporter-service %s ready in %.1f s; table bench_rows: 12 columns, 1,000,000 rows"
                        + " (filled in %.0f s); median of %d runs each%n%n", HEAP, exporter.readySeconds(),
                        (System.nanoTime() - seconds) / 1e9, repeats);
                register("bench100k", "SELECT * FROM bench_rows WHERE id <= 100000 ORDER BY id");
                register("bench1m", "SELECT * FROM bench_rows WHERE id <= 1000000 ORDER BY id");
                String csv100k = schedule("bench100k", "CSV", false);
                String csvSplit1m = schedule("bench1m", "CSV", true);
                String json100k = schedule("bench100k", "JSON", false);
                String jsonSplit1m = schedule("bench1m", "JSON", true);
                // Warm-up: each schedule runs twice before it is measured, so that every code path it takes (the CSV
                // and the JSON filter, the split's background forces, delivery, audit) is compiled as in a service
                // that has been up for a while. Without it the first JSON runs measure the JIT (2.1x instead of 1.2x).
                for (String key : List.of(csv100k, json100k, csvSplit1m, jsonSplit1m, csv100k, json100k)) {
                    export(key, runs);
                    BenchSupport.deleteTree(runs);
                }
                System.out.printf("%-36s %12s %12s %8s %8s%n", "workload", "copyOut", "exporter", "ratio", "goal");
                compare("CSV, 100,000 rows", "SELECT * FROM bench_rows WHERE id <= 100000 ORDER BY id", csv100k,
                        runs, 1.2);
                compare("CSV split, 1,000,000 rows (10 parts)", "SELECT * FROM bench_rows WHERE id <= 1000000 ORDER BY id",
                        csvSplit1m, runs, 1.2);
                compare("JSON, 100,000 rows", "SELECT * FROM bench_rows WHERE id <= 100000 ORDER BY id", json100k,
                        runs, 1.5);
                compare("JSON split, 1,000,000 rows", "SELECT * FROM bench_rows WHERE id <= 1000000 ORDER BY id",
                        jsonSplit1m, runs, 1.5);

                seconds = System.nanoTime();
                fill(bigRows);
                System.out.printf("%ntable grown to %,d rows in %.0f s%n", bigRows, (System.nanoTime() - seconds) / 1e9);
                register("benchAll", "SELECT * FROM bench_rows ORDER BY id");
                String all = schedule("benchAll", "CSV", true);
                long begin = System.nanoTime();
                Map<String, String> result = export(all, runs);
                double exporterSeconds = (System.nanoTime() - begin) / 1e9;
                double copySeconds = copyOut("SELECT * FROM bench_rows ORDER BY id");
                System.out.printf("%-36s %11.2fs %11.2fs %7.2fx %8s  outcome %s, %s rows, service %s, alive after: %s%n",
                        String.format("CSV split, %,d rows", bigRows), copySeconds, exporterSeconds,
                        exporterSeconds / copySeconds, "-", result.get("outcome"), result.get("rows"), HEAP,
                        exporter.process().isAlive());
                BenchSupport.deleteTree(runs);
            }
        }
    }

    /** Grows bench_rows to {@code rows} rows of 12 columns of mixed types. */
    private void fill(long rows) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS bench_rows (id BIGINT PRIMARY KEY, name TEXT, quantity INTEGER,"
                    + " price NUMERIC(12,2), created TIMESTAMPTZ, due DATE, active BOOLEAN, note TEXT, ref BIGINT,"
                    + " code TEXT, ratio DOUBLE PRECISION, comment TEXT)");
            s.execute("GRANT SELECT ON bench_rows TO suite_export_reader"); // what SQL data sources may read
            s.execute("INSERT INTO bench_rows SELECT n, 'Name ' || n, (n % 1000)::int, (n % 100000) / 100.0,"
                    + " timestamptz '2024-01-01 00:00:00+00' + n * interval '1 second', date '2024-01-01' + (n % 365)::int,"
                    + " n % 2 = 0, CASE WHEN n % 10 = 0 THEN 'note, with \"quotes\"' ELSE 'plain note' END, n * 7,"
                    + " 'C' || (n % 97), n / 3.0, 'comment for row ' || n"
                    + " FROM generate_series((SELECT coalesce(max(id), 0) + 1 FROM bench_rows), " + rows + ") n");
            s.execute("VACUUM ANALYZE bench_rows");
        }
    }

    private void compare(String label, String query, String businessKey, Path runs, double goal) throws Exception {
        List<Double> copy = new ArrayList<>();
        List<Double> export = new ArrayList<>();
        for (int i = 0; i < repeats; i++) {
            BenchSupport.sync();
            copy.add(copyOut(query));
            BenchSupport.sync();
            long begin = System.nanoTime();
            Map<String, String> result = export(businessKey, runs);
            export.add((System.nanoTime() - begin) / 1e9);
            if (!"SUCCEEDED".equals(result.get("outcome"))) {
                throw new IllegalStateException(label + ": " + result);
            }
            BenchSupport.deleteTree(runs);
        }
        double c = BenchSupport.median(copy);
        double e = BenchSupport.median(export);
        System.out.printf("%-36s %11.3fs %11.3fs %7.2fx %7.1fx%n", label, c, e, e / c, goal);
    }

    /** The baseline: COPY (query) TO STDOUT (FORMAT csv, HEADER) through pgjdbc's CopyManager into a file. */
    private double copyOut(String query) throws Exception {
        Path file = work.resolve("copy-out.csv");
        long begin = System.nanoTime();
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
             OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024)) {
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            copy.copyOut("COPY (" + query + ") TO STDOUT (FORMAT csv, HEADER)", out);
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        Files.delete(file);
        return seconds;
    }

    private void register(String name, String sql) throws Exception {
        call("POST", "/exporter/data-sources/sql", "{\"name\":\"" + name + "\",\"description\":\"bench\",\"sql\":\""
                + sql + "\"}", 201);
    }

    private String schedule(String dataSource, String fileType, boolean split) throws Exception {
        String body = "{\"description\":\"bench " + dataSource + "\",\"dataSource\":\"" + dataSource + "\","
                + "\"fileType\":\"" + fileType + "\",\"operations\":[\"EMAIL\"],"
                + "\"recipients\":[{\"address\":\"bench@example.org\",\"name\":\"Bench\"}],"
                + "\"frequency\":{\"type\":\"daily\"},\"split\":" + split + "}";
        return fields(call("POST", "/exporter/schedules", body, 201)).get("businessKey");
    }

    private Map<String, String> export(String businessKey, Path runs) throws Exception {
        return fields(call("POST", "/exporter/schedules/" + businessKey + "/run", null, 200));
    }

    private String call(String method, String path, String body, int expected) throws Exception {
        return BenchSupport.call(http, exporter.uri(path), authorization, method, body, expected, Duration.ofHours(2));
    }

    private static Map<String, String> fields(String json) {
        return BenchSupport.jsonFields(json);
    }
}
