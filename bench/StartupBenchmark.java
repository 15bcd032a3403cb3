import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Startup time of each service in JVM mode, database already running: the wall time from spawning
 * `java -jar quarkus-run.jar` to the first 200 of /q/health/ready, and Quarkus's own "started in" figure.
 * Baseline, measured in the same run: a bare JVM start and exit (`java -version`), the floor of any JVM service.
 * The first start of each service migrates an empty schema and is reported apart; the figure is the median
 * of the next RUNS starts. Run with bench/startup.sh.
 */
public class StartupBenchmark {

    private static final int RUNS = 5;
    private static final String[] SERVICES = {"receiver-service", "batch-admin-service", "exporter-service"};
    private static final Pattern STARTED = Pattern.compile("started in ([0-9.]+)s");

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE bench");
            }
            String jdbcUrl = postgres.getJdbcUrl("postgres", "bench");
            double jvmBaseline = median(repeat(RUNS, () -> timeToExit(List.of(java, "-version"))));
            System.out.printf("%nbaseline: bare JVM start and exit (java -version), median of %d: %.3f s%n%n", RUNS, jvmBaseline);
            System.out.printf("%-20s %12s %14s %14s %12s %12s%n", "service", "first start", "ready (median)",
                    "Quarkus says", "x JVM start", "x 3 s goal");
            for (String service : SERVICES) {
                Path jar = root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
                Start first = start(java, jar, jdbcUrl, root);
                List<Start> starts = new ArrayList<>();
                for (int i = 0; i < RUNS; i++) {
                    starts.add(start(java, jar, jdbcUrl, root));
                }
                double ready = median(starts.stream().map(Start::readySeconds).toList());
                double quarkus = median(starts.stream().map(Start::quarkusSeconds).toList());
                boolean appCds = Files.exists(jar.resolveSibling("app-cds.jsa"));
                System.out.printf("%-20s %10.3f s %12.3f s %12.3f s %11.1fx %11.2fx  %s%n", service, first.readySeconds(),
                        ready, quarkus, ready / jvmBaseline, ready / 3.0, appCds ? "AppCDS" : "no AppCDS");
            }
        }
    }

    record Start(double readySeconds, double quarkusSeconds) {
    }

    private static Start start(String java, Path jar, String jdbcUrl, Path root) throws Exception {
        int port = freePort();
        Path log = Files.createTempFile("startup-bench", ".log");
        List<String> command = new ArrayList<>(List.of(java));
        Path classDataArchive = jar.resolveSibling("app-cds.jsa");
        if (Files.exists(classDataArchive)) {
            command.add("-XX:SharedArchiveFile=" + classDataArchive);
        }
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl);
        env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        env.put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
        env.put("SUITE_BOOTSTRAP_ADMIN_PASSWORD", "benchmark-password-1");
        env.put("SUITE_RECEIVER_BASE_FOLDER", root.resolve("target/bench-receiver").toString());
        long begin = System.nanoTime();
        Process process = builder.start();
        try {
            URI ready = URI.create("http://127.0.0.1:" + port + "/q/health/ready");
            while (!isUp(ready)) {
                if (!process.isAlive() || System.nanoTime() - begin > TimeUnit.SECONDS.toNanos(120)) {
                    throw new IllegalStateException(jar + " did not become ready; log: " + log);
                }
                Thread.sleep(10);
            }
            double readySeconds = (System.nanoTime() - begin) / 1e9;
            Matcher started = STARTED.matcher(Files.readString(log));
            return new Start(readySeconds, started.find() ? Double.parseDouble(started.group(1)) : Double.NaN);
        } finally {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            Files.deleteIfExists(log);
        }
    }

    private static boolean isUp(URI uri) {
        try {
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setConnectTimeout(200);
            connection.setReadTimeout(2000);
            return connection.getResponseCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    private static double timeToExit(List<String> command) {
        try {
            long begin = System.nanoTime();
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            process.waitFor();
            return (System.nanoTime() - begin) / 1e9;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private interface Measurement {
        double seconds() throws Exception;
    }

    private static List<Double> repeat(int times, Measurement measurement) throws Exception {
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            values.add(measurement.seconds());
        }
        return values;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
