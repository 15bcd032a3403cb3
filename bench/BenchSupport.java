import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the benchmarks under bench/ share: starting a packaged service, waiting for it, and simple statistics. */
final class BenchSupport {

    private BenchSupport() {
    }

    /** A service started from its quarkus-run.jar; close() stops it. */
    record Service(Process process, int port, Path log, double readySeconds) implements AutoCloseable {

        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /**
     * Starts {@code java [jvmOptions] -jar jar} on a free loopback port against the given database and waits for
     * /q/health/ready. The environment adds to the suite's usual one (database, bootstrap admin).
     */
    static Service startService(Path jar, String jdbcUrl, String adminPassword, List<String> jvmOptions,
                                Map<String, String> environment) throws Exception {
        return startService(Path.of(System.getProperty("java.home"), "bin", "java").toString(), jar, jdbcUrl,
                adminPassword, jvmOptions, environment);
    }

    /**
     * The same with the given {@code java} launcher. A class data archive next to the jar is used: app-cds.jsa
     * (AppCDS), or app.aot (JDK 25's AOT cache) when the launcher is JDK 25 or newer.
     */
    static Service startService(String launcher, Path jar, String jdbcUrl, String adminPassword,
                                List<String> jvmOptions, Map<String, String> environment) throws Exception {
        int port = freePort();
        Path log = Files.createTempFile(serviceName(jar) + "-bench", ".log");
        List<String> command = new ArrayList<>(List.of(launcher));
        Path classDataArchive = jar.resolveSibling("app-cds.jsa");
        if (Files.exists(classDataArchive)) {
            command.add("-XX:SharedArchiveFile=" + classDataArchive);
        }
        Path aotCache = jar.resolveSibling("app.aot");
        if (Files.exists(aotCache) && javaFeature(launcher) >= 25) {
            command.add("-XX:AOTCache=" + aotCache);
        }
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("QUARKUS_HTTP_SSL_PORT", String.valueOf(freePort()));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl);
        env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        env.put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
        env.put("SUITE_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
        env.putAll(environment);
        long begin = System.nanoTime();
        Process process = builder.start();
        URI ready = URI.create("http://127.0.0.1:" + port + "/q/health/ready");
        while (!isUp(ready)) {
            if (!process.isAlive() || System.nanoTime() - begin > TimeUnit.SECONDS.toNanos(120)) {
                process.destroyForcibly();
                throw new IllegalStateException(jar + " did not become ready; log: " + log);
            }
            Thread.sleep(10);
        }
        double readySeconds = (System.nanoTime() - begin) / 1e9;
        lastReadyCpu = ProcessCpu.of(process.pid());
        return new Service(process, port, log, readySeconds);
    }

    /** The CPU the last service started by {@link #startService} had used when it first answered ready. */
    static volatile ProcessCpu lastReadyCpu = ProcessCpu.NONE;

    /**
     * CPU seconds a process has used (user + system, from /proc), all threads and split by thread kind: the thread
     * that runs main() and the JIT compiler threads. On Linux only; elsewhere every figure is NaN.
     */
    record ProcessCpu(double total, double main, double compilers) {

        static final ProcessCpu NONE = new ProcessCpu(Double.NaN, Double.NaN, Double.NaN);
        private static final double TICKS_PER_SECOND = 100.0;

        static ProcessCpu of(long pid) {
            Path proc = Path.of("/proc", String.valueOf(pid));
            if (!Files.isDirectory(proc)) {
                return NONE;
            }
            try (var threads = Files.list(proc.resolve("task"))) {
                double main = 0;
                double compilers = 0;
                for (Path thread : threads.toList()) {
                    String name = Files.readString(thread.resolve("comm")).strip();
                    double seconds = ticks(Files.readString(thread.resolve("stat")));
                    if (name.contains("CompilerThre")) {
                        compilers += seconds;
                    } else if (name.equals("java")) {
                        main += seconds; // the launcher's thread and main(): both named after the binary
                    }
                }
                return new ProcessCpu(ticks(Files.readString(proc.resolve("stat"))), main, compilers);
            } catch (IOException | RuntimeException e) {
                return NONE;
            }
        }

        /** utime + stime of a /proc stat line; the command name in brackets may contain spaces. */
        private static double ticks(String stat) {
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
        }
    }

    /**
     * Starts an embedded PostgreSQL 17 with an empty database {@code bench}; in {@code dataDirectory} (emptied first)
     * when given, else in a temporary folder. Durable as a production database is: zonky's defaults turn fsync and
     * synchronous_commit off, which would leave out the WAL flush that every committing request waits for.
     */
    static EmbeddedPostgres startDatabase(Path dataDirectory) throws IOException, SQLException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on");
        if (dataDirectory != null) {
            builder.setDataDirectory(dataDirectory).setCleanDataDirectory(true);
        }
        EmbeddedPostgres postgres = builder.start();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE bench");
        }
        return postgres;
    }

    /** Deletes {@code folder} with everything in it, then creates it empty. */
    static void emptyFolder(Path folder) throws IOException {
        deleteTree(folder);
        Files.createDirectories(folder);
    }

    static boolean isUp(URI uri) {
        try {
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setConnectTimeout(200);
            connection.setReadTimeout(2000);
            return connection.getResponseCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    /** The service a jar belongs to: {@code <service>/target/[aot/]quarkus-app/quarkus-run.jar}. */
    static String serviceName(Path jar) {
        for (Path p = jar.getParent(); p != null; p = p.getParent()) {
            if (p.getFileName() != null && p.getFileName().toString().equals("target")) {
                return p.getParent().getFileName().toString();
            }
        }
        return "service";
    }

    /** The feature release of a java launcher (17, 25, ...), from {@code java -version}. */
    static int javaFeature(String launcher) {
        try {
            Process version = new ProcessBuilder(launcher, "-version").redirectErrorStream(true).start();
            String first = new String(version.getInputStream().readAllBytes()).lines().findFirst().orElse("");
            version.waitFor();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("version \"(\\d+)").matcher(first);
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** Runs a command to its end, its output shown; returns its wall time in seconds. */
    static double run(List<String> command) {
        return run(command, ProcessBuilder.Redirect.INHERIT);
    }

    static double run(List<String> command, ProcessBuilder.Redirect output) {
        try {
            long begin = System.nanoTime();
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output).start();
            int exit = process.waitFor();
            if (exit != 0) {
                throw new IllegalStateException(command + " exited with " + exit);
            }
            return (System.nanoTime() - begin) / 1e9;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Flushes every dirty page, so that one measurement does not pay for the writes of the one before. */
    static void sync() {
        run(List.of("sync"));
    }

    interface Measurement {
        double seconds() throws Exception;
    }

    static List<Double> repeat(int times, Measurement measurement) throws Exception {
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            values.add(measurement.seconds());
        }
        return values;
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Deletes a folder tree (benchmark data only). */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(Collections.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static final Pattern JSON_FIELD = Pattern.compile("\"(\\w+)\"\\s*:\\s*\"?([^\",}]+)");

    /** Sends a JSON request with the given authorization and returns the body; any other status than expected throws. */
    static String call(HttpClient http, URI uri, String authorization, String method, String body, int expected,
                       Duration timeout) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Authorization", authorization).header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + uri.getPath() + ": " + response.statusCode() + " "
                    + response.body());
        }
        return response.body();
    }

    /** The first value of each field name in a JSON text (enough for the benchmarks' checks of an answer). */
    static Map<String, String> jsonFields(String json) {
        Map<String, String> fields = new HashMap<>();
        Matcher matcher = JSON_FIELD.matcher(json);
        while (matcher.find()) {
            fields.putIfAbsent(matcher.group(1), matcher.group(2));
        }
        return fields;
    }
}
