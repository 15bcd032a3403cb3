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
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The fixed cost of an export run, two builds of the exporter side by side: both packaged services (A and B, e.g.
 * main's and a branch's quarkus-app) run at once against one embedded PostgreSQL, each with its own schedule over the
 * same 100,000-row SQL data source (CSV, one file, EMAIL as a link, as ExporterBenchmark's first workload), and
 * every round times COPY, A's run and B's run right after each other (A and B take turns going first). On a machine
 * that other work shares, load drifts over minutes; interleaving per run gives both builds the same load, so the
 * difference of their medians is the difference of their fixed costs.
 */
public final class ExporterAbBenchmark {

    private static final String PASSWORD = "bench-admin-password";
    private static final String QUERY = "SELECT * FROM bench_rows WHERE id <= 100000 ORDER BY id";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String authorization = "Basic " + Base64.getEncoder()
            .encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    private String jdbcUrl;
    private Path work;

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]).toAbsolutePath().normalize();
        Path jarA = Path.of(args[1]).toAbsolutePath();
        Path jarB = Path.of(args[2]).toAbsolutePath();
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 30;
        new ExporterAbBenchmark().run(root.resolve("target/bench-exporter-ab-work"), jarA, jarB, rounds);
    }

    private void run(Path work, Path jarA, Path jarB, int rounds) throws Exception {
        this.work = work;
        BenchSupport.emptyFolder(work);
        try (EmbeddedPostgres postgres = BenchSupport.startDatabase(work.resolve("postgres"))) {
            jdbcUrl = postgres.getJdbcUrl("postgres", "bench");
            try (BenchSupport.Service a = start(jarA, "a"); BenchSupport.Service b = start(jarB, "b")) {
                fill();
                call(a, "POST", "/exporter/data-sources/sql",
                        "{\"name\":\"bench100k\",\"description\":\"bench\",\"sql\":\"" + QUERY + "\"}", 201);
                String keyA = schedule(a);
                String keyB = schedule(b);
                for (int i = 0; i < 3; i++) { // as ExporterBenchmark: the paths loaded and run before they count
                    export(a, keyA);
                    export(b, keyB);
                }
                List<Double> copy = new ArrayList<>();
                List<Double> timesA = new ArrayList<>();
                List<Double> timesB = new ArrayList<>();
                for (int round = 0; round < rounds; round++) {
                    BenchSupport.sync();
                    copy.add(copyOut());
                    boolean aFirst = round % 2 == 0;
                    BenchSupport.sync();
                    (aFirst ? timesA : timesB).add(export(aFirst ? a : b, aFirst ? keyA : keyB));
                    BenchSupport.sync();
                    (aFirst ? timesB : timesA).add(export(aFirst ? b : a, aFirst ? keyB : keyA));
                }
                System.out.printf("A: %s%nB: %s%n%d rounds, CSV 100,000 rows, one file, EMAIL link%n", jarA, jarB,
                        rounds);
                System.out.printf("%-8s %10s %10s %10s%n", "", "median", "p25", "p75");
                print("copyOut", copy);
                print("A", timesA);
                print("B", timesB);
                System.out.printf("B - A: median %+.1f ms; ratio to COPY: A %.2fx, B %.2fx%n",
                        (BenchSupport.median(timesB) - BenchSupport.median(timesA)) * 1000,
                        BenchSupport.median(timesA) / BenchSupport.median(copy),
                        BenchSupport.median(timesB) / BenchSupport.median(copy));
            }
        }
    }

    private BenchSupport.Service start(Path jar, String name) throws Exception {
        return BenchSupport.startService(jar, jdbcUrl, PASSWORD, List.of("-Xmx256m"), Map.of(
                "SUITE_EXPORTER_WORK_DIR", work.resolve("runs-" + name).toString(),
                "SUITE_EXPORTER_LOG_DIR", work.resolve("logs-" + name).toString(),
                "SUITE_EXPORTER_DAILY_ENABLED", "false",
                "QUARKUS_MAILER_MOCK", "true",
                "SUITE_EXPORTER_MAIL_MAX_ATTACHMENT_BYTES", "1000000",
                "QUARKUS_DATASOURCE_EXPORT_READER_JDBC_URL", jdbcUrl + "&user=suite_export_reader"));
    }

    private static void print(String label, List<Double> seconds) {
        List<Double> sorted = new ArrayList<>(seconds);
        Collections.sort(sorted);
        System.out.printf("%-8s %9.1fms %9.1fms %9.1fms%n", label, BenchSupport.median(sorted) * 1000,
                sorted.get(sorted.size() / 4) * 1000, sorted.get(sorted.size() * 3 / 4) * 1000);
    }

    private void fill() throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE bench_rows (id BIGINT PRIMARY KEY, name TEXT, quantity INTEGER,"
                    + " price NUMERIC(12,2), created TIMESTAMPTZ, due DATE, active BOOLEAN, note TEXT, ref BIGINT,"
                    + " code TEXT, ratio DOUBLE PRECISION, comment TEXT)");
            s.execute("GRANT SELECT ON bench_rows TO suite_export_reader");
            s.execute("INSERT INTO bench_rows SELECT n, 'Name ' || n, (n % 1000)::int, (n % 100000) / 100.0,"
                    + " timestamptz '2024-01-01 00:00:00+00' + n * interval '1 second', date '2024-01-01' + (n % 365)::int,"
                    + " n % 2 = 0, CASE WHEN n % 10 = 0 THEN 'note, with \"quotes\"' ELSE 'plain note' END, n * 7,"
                    + " 'C' || (n % 97), n / 3.0, 'comment for row ' || n FROM generate_series(1, 100000) n");
            s.execute("VACUUM ANALYZE bench_rows");
        }
    }

    private double copyOut() throws Exception {
        Path file = work.resolve("copy-out.csv");
        long begin = System.nanoTime();
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
             OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024)) {
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            copy.copyOut("COPY (" + QUERY + ") TO STDOUT (FORMAT csv, HEADER)", out);
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        Files.delete(file);
        return seconds;
    }

    private String schedule(BenchSupport.Service service) throws Exception {
        String body = "{\"description\":\"bench\",\"dataSource\":\"bench100k\",\"fileType\":\"CSV\","
                + "\"operations\":[\"EMAIL\"],\"recipients\":[{\"address\":\"bench@example.org\",\"name\":\"Bench\"}],"
                + "\"frequency\":{\"type\":\"daily\"},\"split\":false}";
        return fields(call(service, "POST", "/exporter/schedules", body, 201)).get("businessKey");
    }

    /** One run; its wall time in seconds. Its files are deleted after it (not timed). */
    private double export(BenchSupport.Service service, String businessKey) throws Exception {
        long begin = System.nanoTime();
        String answer = call(service, "POST", "/exporter/schedules/" + businessKey + "/run", null, 200);
        double seconds = (System.nanoTime() - begin) / 1e9;
        if (!"SUCCEEDED".equals(fields(answer).get("outcome"))) {
            throw new IllegalStateException(answer);
        }
        BenchSupport.deleteTree(work.resolve("runs-a"));
        BenchSupport.deleteTree(work.resolve("runs-b"));
        return seconds;
    }

    private String call(BenchSupport.Service service, String method, String path, String body, int expected)
            throws Exception {
        return BenchSupport.call(http, service.uri(path), authorization, method, body, expected, Duration.ofMinutes(5));
    }

    private static Map<String, String> fields(String json) {
        return BenchSupport.jsonFields(json);
    }
}
