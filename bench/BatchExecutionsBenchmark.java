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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * GET /batch/jobs/executions?page=..&size=20 with 1,000,000 executions in the JSR-352 repository: p50 / p99 of
 * the HTTP request (auth, query, JSON) on the packaged batch-admin-service. Baseline in the same run: the same
 * page's SQL over JDBC straight to PostgreSQL (what the endpoint cannot beat). Pages: the first 100 (what an
 * operator looks at), random pages over the whole list (deep OFFSETs), and a status filter.
 * Run with bench/batch-executions.sh.
 */
public class BatchExecutionsBenchmark {

    private static final int EXECUTIONS = 1_000_000;
    private static final int SIZE = 20;
    private static final int SAMPLES = 400;
    /** The endpoint's own SQL (JobRepositoryQueries.executions): the page's ids first, then only those rows. */
    private static final String PAGE_SQL = """
            SELECT e.jobexecutionid, e.jobinstanceid, i.jobname, e.batchstatus, e.exitstatus, e.createtime,
                   e.starttime, e.endtime, e.lastupdatedtime, e.jobparameters,
                   NOT EXISTS (SELECT 1 FROM job_execution n
                               WHERE n.jobinstanceid = e.jobinstanceid AND n.jobexecutionid > e.jobexecutionid) AS latest
            FROM job_execution e JOIN job_instance i ON i.jobinstanceid = e.jobinstanceid
            JOIN (SELECT e.jobexecutionid FROM job_execution e WHERE TRUE %s
                  ORDER BY e.jobexecutionid DESC LIMIT ? OFFSET ?) p ON p.jobexecutionid = e.jobexecutionid
            ORDER BY e.jobexecutionid DESC""";

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        Path jar = root.resolve("batch-admin-service/target/quarkus-app/quarkus-run.jar");
        try (EmbeddedPostgres postgres = BenchSupport.startDatabase(null)) {
            String jdbcUrl = postgres.getJdbcUrl("postgres", "bench");
            int port = freePort();
            Path log = Files.createTempFile("batch-admin-bench", ".log");
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
            try {
                HttpClient http = HttpClient.newHttpClient();
                URI base = URI.create("http://127.0.0.1:" + port + "/");
                awaitReady(http, base, service, log);
                seed(postgres.getDatabase("postgres", "bench").getConnection());
                String auth = "Basic " + Base64.getEncoder().encodeToString("bench:bench-password-1".getBytes(StandardCharsets.UTF_8));
                Random random = new Random(352);
                int pages = EXECUTIONS / SIZE;
                System.out.printf("machine: %d cores; %,d executions in %,d instances; page size %d; %d samples each%n%n",
                        Runtime.getRuntime().availableProcessors(), EXECUTIONS, EXECUTIONS / 10, SIZE, SAMPLES);
                System.out.printf("%-34s %10s %10s %12s %12s %8s %12s %12s%n", "pages", "HTTP p50", "HTTP p99", "JDBC p50",
                        "JDBC p99", "p99 x", "health p50", "health p99");
                try (Connection jdbc = postgres.getDatabase("postgres", "bench").getConnection()) {
                    measure("first 100 pages", http, base, auth, jdbc, i -> i % 100, "", "", 0);
                    measure("random pages of all 50,000", http, base, auth, jdbc, i -> random.nextInt(pages), "", "", 0);
                    measure("status=FAILED, first 100 pages", http, base, auth, jdbc, i -> i % 100, "&status=FAILED",
                            "AND e.batchstatus = 'FAILED'", 0);
                    // The same random pages by keyset (after=<the last id of the page before>): ids are dense, so
                    // page p starts below top - p * SIZE + 1.
                    measure("random pages by keyset (after=)", http, base, auth, jdbc, i -> random.nextInt(pages), "",
                            "AND e.jobexecutionid < ?", topExecutionId(jdbc));
                }
            } finally {
                service.destroy();
                service.waitFor();
            }
        }
    }

    interface PageChoice {
        int page(int sample);
    }

    /**
     * Times the endpoint and its SQL for SAMPLES pages. With {@code keysetTop} 0 a page is asked for by {@code page=}
     * (OFFSET); otherwise by {@code after=}, counted down from the newest execution id {@code keysetTop}.
     */
    private static void measure(String name, HttpClient http, URI base, String auth, Connection jdbc, PageChoice choice,
                                String query, String where, long keysetTop) throws Exception {
        List<Double> httpMillis = new ArrayList<>();
        List<Double> jdbcMillis = new ArrayList<>();
        // The floor of any request to this process under the machine's load at that moment: the liveness check
        // (no authentication, no database), timed in the same loop.
        List<Double> healthMillis = new ArrayList<>();
        for (int warm = 0; warm < 50; warm++) {
            get(http, base.resolve(pagePath(choice.page(warm), keysetTop) + query), auth);
        }
        try (PreparedStatement select = jdbc.prepareStatement(String.format(PAGE_SQL, where))) {
            for (int i = 0; i < SAMPLES; i++) {
                int page = choice.page(i);
                long start = System.nanoTime();
                get(http, base.resolve(pagePath(page, keysetTop) + query), auth);
                httpMillis.add((System.nanoTime() - start) / 1e6);
                start = System.nanoTime();
                int parameter = 1;
                if (keysetTop > 0) {
                    select.setLong(parameter++, keysetTop - (long) page * SIZE + 1);
                }
                select.setInt(parameter++, SIZE + 1);
                select.setLong(parameter, keysetTop > 0 ? 0 : (long) page * SIZE);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        rows.getString(10);
                    }
                }
                jdbcMillis.add((System.nanoTime() - start) / 1e6);
                start = System.nanoTime();
                get(http, base.resolve("q/health/live"), auth);
                healthMillis.add((System.nanoTime() - start) / 1e6);
            }
        }
        double httpP99 = percentile(httpMillis, 0.99);
        double jdbcP99 = percentile(jdbcMillis, 0.99);
        System.out.printf("%-34s %8.1f ms %8.1f ms %10.1f ms %10.1f ms %7.2fx %9.1f ms %9.1f ms%n", name,
                percentile(httpMillis, 0.5), httpP99, percentile(jdbcMillis, 0.5), jdbcP99, httpP99 / jdbcP99,
                percentile(healthMillis, 0.5), percentile(healthMillis, 0.99));
    }

    private static String pagePath(int page, long keysetTop) {
        String path = "batch/jobs/executions?size=" + SIZE;
        if (keysetTop > 0 && page > 0) {
            return path + "&after=" + (keysetTop - (long) page * SIZE + 1);
        }
        return keysetTop > 0 ? path : path + "&page=" + page;
    }

    private static long topExecutionId(Connection jdbc) throws Exception {
        try (Statement sql = jdbc.createStatement(); ResultSet top = sql.executeQuery("SELECT max(jobexecutionid) FROM job_execution")) {
            top.next();
            return top.getLong(1);
        }
    }

    private static void get(HttpClient http, URI uri, String auth) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).header("Authorization", auth).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(uri + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** 100,000 instances of 20 jobs with 10 executions each; every tenth execution FAILED, the rest COMPLETED. */
    private static void seed(Connection connection) throws Exception {
        long start = System.nanoTime();
        try (connection; Statement sql = connection.createStatement()) {
            sql.execute("INSERT INTO job_instance (jobname, applicationname) SELECT 'BenchJob' || (g % 20), 'bench'"
                    + " FROM generate_series(1, " + EXECUTIONS / 10 + ") g");
            sql.execute("INSERT INTO job_execution (jobinstanceid, createtime, starttime, endtime, lastupdatedtime, batchstatus,"
                    + " exitstatus, jobparameters) SELECT i.jobinstanceid, t, t, t + interval '5 seconds', t + interval '5 seconds',"
                    + " CASE WHEN n = 10 THEN 'FAILED' ELSE 'COMPLETED' END, 'COMPLETED', E'dataSetId=' || n || E'\\n'"
                    + " FROM job_instance i, generate_series(1, 10) n,"
                    + " LATERAL (SELECT timestamptz '2026-01-01 00:00:00+00' + (i.jobinstanceid * 10 + n) * interval '1 second') x(t)"
                    + " ORDER BY i.jobinstanceid, n");
            sql.execute("ANALYZE job_instance");
            sql.execute("ANALYZE job_execution");
        }
        System.out.printf("seeded in %.1f s%n", (System.nanoTime() - start) / 1e9);
    }

    private static double percentile(List<Double> values, double p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
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
