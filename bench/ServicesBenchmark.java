import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The services-stream export of the packaged exporter-service (-Xmx256m) over 1,000,000 services: the id stream,
 * the content stream (both read to the end by an HTTP client) and the CSV file job (POST to SUCCEEDED), each next
 * to pgjdbc's CopyManager copyOut of the same selection in the same run, with the service's heap sampled from
 * /q/metrics (jvm_memory_used_bytes, area heap) every 100 ms during each workload.
 */
public final class ServicesBenchmark {

    private static final String PASSWORD = "bench-admin-password";
    private static final String HEAP = "-Xmx256m";
    private static final String FROM = "2030-01-01T00:00:00Z";
    private static final String TO = "2030-12-31T00:00:00Z";
    private static final String WHERE = "(started_at BETWEEN '" + FROM + "' AND '" + TO + "' OR completed_at BETWEEN '"
            + FROM + "' AND '" + TO + "')";
    private static final Pattern HEAP_LINE = Pattern.compile("^jvm_memory_used_bytes\\{area=\"heap\"[^}]*}\\s+(\\S+)",
            Pattern.MULTILINE);
    private static final Pattern STATE = Pattern.compile("\"state\"\\s*:\\s*\"([A-Z]+)\"");

    private final int repeats;
    private final Path work;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String authorization = "Basic " + Base64.getEncoder()
            .encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    private BenchSupport.Service exporter;
    private String jdbcUrl;

    private ServicesBenchmark(int repeats, Path work) {
        this.repeats = repeats;
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]).toAbsolutePath().normalize();
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        long services = args.length > 2 ? Long.parseLong(args[2]) : 1_000_000L;
        Path work = root.resolve("target/bench-services-work");
        BenchSupport.emptyFolder(work);
        new ServicesBenchmark(repeats, work).run(root, services);
    }

    private void run(Path root, long services) throws Exception {
        try (EmbeddedPostgres postgres = BenchSupport.startDatabase(work.resolve("postgres"))) {
            jdbcUrl = postgres.getJdbcUrl("postgres", "bench");
            BenchSupport.Service started = BenchSupport.startService(
                    root.resolve("exporter-service/target/quarkus-app/quarkus-run.jar"), jdbcUrl, PASSWORD,
                    List.of(HEAP), Map.of("SUITE_EXPORTER_SERVICES_FILES_DIR", work.resolve("files").toString(),
                            "SUITE_EXPORTER_WORK_DIR", work.resolve("runs").toString(),
                            "SUITE_EXPORTER_LOG_DIR", work.resolve("logs").toString(),
                            "SUITE_EXPORTER_DAILY_ENABLED", "false", "QUARKUS_MAILER_MOCK", "true"));
            exporter = started;
            try (started) {
                long begin = System.nanoTime();
                seed(services);
                System.out.printf("exporter-service %s ready in %.1f s; %,d services (2/3 completed, ~190 bytes of"
                        + " content each) seeded in %.0f s; median of %d runs each%n%n", HEAP,
                        exporter.readySeconds(), services, (System.nanoTime() - begin) / 1e9, repeats);
                plans();
                String selection = "time_from=" + FROM + "&time_to=" + TO;
                // Warm-up of both paths measured below: the ids, and the whole services through the JSON writer.
                drain("/exporter/services/export?limit=10000&" + selection);
                drain("/exporter/services/export?export_content=true&limit=10000&" + selection);
                System.out.printf("%-34s %10s %10s %8s %6s %16s%n", "workload", "copyOut", "exporter", "ratio", "goal",
                        "heap used (MiB)");
                compare("id stream, all services", "SELECT id FROM exporter_service WHERE " + WHERE + " ORDER BY id",
                        false, () -> drain("/exporter/services/export?" + selection), 1.5);
                compare("content stream, all services", "SELECT * FROM exporter_service WHERE " + WHERE
                        + " ORDER BY id", false, () -> drain("/exporter/services/export?export_content=true&"
                        + selection), 2.0);
                compare("content stream, NDJSON", "SELECT * FROM exporter_service WHERE " + WHERE
                        + " ORDER BY id", false, () -> drainNdjson("/exporter/services/export?export_content=true&"
                        + selection), 2.0);
                compare("CSV file job (10 parts)", "SELECT * FROM exporter_service WHERE " + WHERE
                        + " ORDER BY id", true, () -> fileJob(selection), 1.5);
            }
        }
    }

    /** Services over 2030: started every ~31 s, two of three completed an hour later, JSON content. */
    private void seed(long services) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
             Statement s = c.createStatement()) {
            s.execute("INSERT INTO exporter_service (type, customer_id, started_at, completed_at, content)"
                    + " SELECT CASE n % 3 WHEN 0 THEN 'callback' WHEN 1 THEN 'chat' ELSE 'email' END,"
                    + " 'customer-' || (n % 50000), timestamptz '" + FROM + "' + n * interval '31 seconds',"
                    + " CASE WHEN n % 3 <> 0 THEN timestamptz '" + FROM + "' + n * interval '31 seconds'"
                    + " + interval '1 hour' END,"
                    + " jsonb_build_object('channel', 'voice', 'queue', 'queue-' || (n % 20), 'priority', n % 5,"
                    + " 'note', 'customer asked about order ' || n || ', \"urgent\"', 'tags',"
                    + " jsonb_build_array('a', 'b', n % 7)) FROM generate_series(1, " + services + ") n");
            s.execute("VACUUM ANALYZE exporter_service");
        }
    }

    /** The plans PostgreSQL picks for the three event filters (first line of each). */
    private void plans() throws Exception {
        String range = " BETWEEN '2030-03-01T00:00:00Z' AND '2030-03-02T00:00:00Z'";
        Map<String, String> filters = new java.util.LinkedHashMap<>();
        filters.put("started, one day", "started_at" + range);
        filters.put("completed, one day", "completed_at" + range);
        filters.put("any, one day", "(started_at" + range + " OR completed_at" + range + ")");
        filters.put("any, the whole year", WHERE);
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
             Statement s = c.createStatement()) {
            for (Map.Entry<String, String> filter : filters.entrySet()) {
                List<String> plan = new ArrayList<>();
                try (ResultSet rows = s.executeQuery("EXPLAIN SELECT id FROM exporter_service WHERE "
                        + filter.getValue() + " ORDER BY id")) {
                    while (rows.next()) {
                        String line = rows.getString(1).strip();
                        if (line.contains("Scan") || line.startsWith("Sort")) {
                            plan.add(line.replaceAll("\\s*\\(cost.*", "").replace("->  ", ""));
                        }
                    }
                }
                System.out.printf("plan %-22s %s%n", filter.getKey() + ":", String.join(" / ", plan));
            }
        }
        System.out.println();
    }

    private interface Workload {
        long run() throws Exception;
    }

    private void compare(String label, String query, boolean toFile, Workload workload, double goal)
            throws Exception {
        List<Double> copy = new ArrayList<>();
        List<Double> service = new ArrayList<>();
        long peak = 0;
        long low = Long.MAX_VALUE;
        long count = 0;
        for (int i = 0; i < repeats; i++) {
            BenchSupport.sync();
            copy.add(copyOut(query, toFile));
            BenchSupport.sync();
            HeapSampler heap = new HeapSampler();
            Thread sampler = new Thread(heap);
            sampler.start();
            long begin = System.nanoTime();
            count = workload.run();
            service.add((System.nanoTime() - begin) / 1e9);
            heap.stop();
            sampler.join();
            peak = Math.max(peak, heap.max.get());
            low = Math.min(low, heap.min.get());
            BenchSupport.deleteTree(work.resolve("files"));
        }
        double c = BenchSupport.median(copy);
        double e = BenchSupport.median(service);
        System.out.printf("%-34s %9.2fs %9.2fs %7.2fx %5.1fx %7.0f - %5.0f   %,d bytes/rows%n", label, c, e, e / c,
                goal, low / 1048576.0, peak / 1048576.0, count);
    }

    /** The baseline: COPY (query) TO STDOUT (FORMAT csv) through CopyManager, discarded or into a file. */
    private double copyOut(String query, boolean toFile) throws Exception {
        Path file = work.resolve("copy-out.csv");
        long begin = System.nanoTime();
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
             OutputStream out = toFile ? new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024)
                     : OutputStream.nullOutputStream()) {
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            copy.copyOut("COPY (" + query + ") TO STDOUT (FORMAT csv, HEADER)", out);
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        Files.deleteIfExists(file);
        return seconds;
    }

    /** Reads a stream to its end; returns its bytes (a JSON array's last byte must be ']'). */
    private long drain(String path) throws Exception {
        return read(path, "application/json", ']');
    }

    private long drainNdjson(String path) throws Exception {
        return read(path, "application/x-ndjson", '\n');
    }

    private long read(String path, String accept, int lastByte) throws Exception {
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(exporter.uri(path))
                .timeout(Duration.ofHours(1)).header("Authorization", authorization).header("Accept", accept).GET()
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + ": " + response.statusCode());
        }
        long bytes = 0;
        int last = -1;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream body = response.body()) {
            int read;
            while ((read = body.read(buffer)) > 0) {
                bytes += read;
                last = buffer[read - 1];
            }
        }
        if (last != lastByte) {
            throw new IllegalStateException(path + " ended with " + last);
        }
        return bytes;
    }

    /** POSTs a CSV file job and polls it until it succeeded; returns the rows it wrote. */
    private long fileJob(String selection) throws Exception {
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(exporter.uri(
                        "/exporter/services/export/files?format=CSV&" + selection)).header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 202) {
            throw new IllegalStateException("file job: " + created.statusCode() + " " + created.body());
        }
        String location = created.headers().firstValue("Location").orElseThrow();
        while (true) {
            HttpResponse<String> job = http.send(HttpRequest.newBuilder(java.net.URI.create(location))
                    .header("Authorization", authorization).GET().build(), HttpResponse.BodyHandlers.ofString());
            Matcher state = STATE.matcher(job.body());
            String current = state.find() ? state.group(1) : "?";
            if ("SUCCEEDED".equals(current)) {
                Matcher rows = Pattern.compile("\"rowsWritten\"\\s*:\\s*(\\d+)").matcher(job.body());
                return rows.find() ? Long.parseLong(rows.group(1)) : -1;
            }
            if (!"QUEUED".equals(current) && !"RUNNING".equals(current)) {
                throw new IllegalStateException("file job " + current + ": " + job.body());
            }
            Thread.sleep(50);
        }
    }

    /** Samples the service's used heap (all heap pools) from /q/metrics until stopped. */
    private final class HeapSampler implements Runnable {

        final AtomicLong max = new AtomicLong();
        final AtomicLong min = new AtomicLong(Long.MAX_VALUE);
        private volatile boolean running = true;

        void stop() {
            running = false;
        }

        @Override
        public void run() {
            while (running) {
                try {
                    String metrics = http.send(HttpRequest.newBuilder(exporter.uri("/q/metrics"))
                            .header("Authorization", authorization).GET().build(),
                            HttpResponse.BodyHandlers.ofString()).body();
                    Matcher pools = HEAP_LINE.matcher(metrics);
                    double used = 0;
                    while (pools.find()) {
                        used += Double.parseDouble(pools.group(1));
                    }
                    max.accumulateAndGet((long) used, Math::max);
                    min.accumulateAndGet((long) used, Math::min);
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (Exception e) {
                    // a missed sample
                }
            }
        }
    }
}
