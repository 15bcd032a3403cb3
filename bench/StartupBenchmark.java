import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
        try (EmbeddedPostgres postgres = BenchSupport.startDatabase(null)) {
            String jdbcUrl = postgres.getJdbcUrl("postgres", "bench");
            double jvmBaseline = BenchSupport.median(BenchSupport.repeat(RUNS, () -> BenchSupport.run(List.of(java, "-version"), ProcessBuilder.Redirect.DISCARD)));
            System.out.printf("%nbaseline: bare JVM start and exit (java -version), median of %d: %.3f s%n%n", RUNS, jvmBaseline);
            System.out.printf("%-20s %12s %14s %14s %12s %12s%n", "service", "first start", "ready (median)",
                    "Quarkus says", "x JVM start", "x 3 s goal");
            for (String service : SERVICES) {
                Path jar = root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
                Start first = start(jar, jdbcUrl, root);
                List<Start> starts = new ArrayList<>();
                for (int i = 0; i < RUNS; i++) {
                    starts.add(start(jar, jdbcUrl, root));
                }
                double ready = BenchSupport.median(starts.stream().map(Start::readySeconds).toList());
                double quarkus = BenchSupport.median(starts.stream().map(Start::quarkusSeconds).toList());
                boolean appCds = Files.exists(jar.resolveSibling("app-cds.jsa"));
                System.out.printf("%-20s %10.3f s %12.3f s %12.3f s %11.1fx %11.2fx  %s%n", service, first.readySeconds(),
                        ready, quarkus, ready / jvmBaseline, ready / 3.0, appCds ? "AppCDS" : "no AppCDS");
            }
        }
    }

    record Start(double readySeconds, double quarkusSeconds) {
    }

    private static Start start(Path jar, String jdbcUrl, Path root) throws Exception {
        BenchSupport.Service service = BenchSupport.startService(jar, jdbcUrl, "benchmark-password-1", List.of(),
                Map.of("SUITE_RECEIVER_BASE_FOLDER", root.resolve("target/bench-receiver").toString()));
        try {
            Matcher started = STARTED.matcher(Files.readString(service.log()));
            return new Start(service.readySeconds(), started.find() ? Double.parseDouble(started.group(1)) : Double.NaN);
        } finally {
            service.close();
            Files.deleteIfExists(service.log());
        }
    }
}
