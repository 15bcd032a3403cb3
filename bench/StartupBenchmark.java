import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Startup time of each service in JVM mode, database already running: the wall time from spawning
 * `java -jar quarkus-run.jar` to the first 200 of /q/health/ready, and Quarkus's own "started in" figure.
 * Baseline, measured in the same run: a bare JVM start and exit (`java -version`), the floor of any JVM service.
 * The first start of each service migrates an empty schema and is reported apart; the figure is the median
 * of the next RUNS starts.
 * <p>
 * Two packagings side by side when the second exists: today's (target/quarkus-app, the java running this program)
 * and the AOT one (target/quarkus-app-aot from {@code ./mvnw package -Daot} with JDK 25, its app.aot passed as
 * -XX:AOTCache, run by the JDK named by the system property aot.java). Their starts alternate, so both see the
 * same load. Run with bench/startup.sh.
 */
public class StartupBenchmark {

    private static final int RUNS = 5;
    private static final double GOAL_SECONDS = 1.0;
    private static final String[] SERVICES = {"receiver-service", "batch-admin-service", "exporter-service"};
    private static final Pattern STARTED = Pattern.compile("started in ([0-9.]+)s");

    record Variant(String name, String java, String jarPath) {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String aotJava = System.getProperty("aot.java", "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");
        String aotDir = System.getProperty("aot.dir", "target/quarkus-app-aot");
        Variant today = new Variant("JDK " + BenchSupport.javaFeature(java) + " today", java, "target/quarkus-app/quarkus-run.jar");
        Variant aot = new Variant("JDK " + BenchSupport.javaFeature(aotJava) + " AOT cache", aotJava, aotDir + "/quarkus-run.jar");
        try (EmbeddedPostgres postgres = BenchSupport.startDatabase(null)) {
            String jdbcUrl = postgres.getJdbcUrl("postgres", "bench");
            double jvmBaseline = BenchSupport.median(BenchSupport.repeat(RUNS, () -> BenchSupport.run(List.of(java, "-version"), ProcessBuilder.Redirect.DISCARD)));
            System.out.printf("%nbaseline: bare JVM start and exit (java -version), median of %d: %.3f s%n%n", RUNS, jvmBaseline);
            System.out.printf("%-20s %-18s %12s %14s %14s %12s %12s%n", "service", "packaging", "first start",
                    "ready (median)", "Quarkus says", "x JVM start", "x 1 s goal");
            for (String service : System.getProperty("services", String.join(",", SERVICES)).split(",")) {
                List<Variant> variants = new ArrayList<>(List.of(today));
                if (Files.isExecutable(Path.of(aotJava)) && Files.exists(root.resolve(service).resolve(aotDir).resolve("app.aot"))) {
                    variants.add(aot);
                }
                Map<Variant, List<Start>> starts = new LinkedHashMap<>();
                Map<Variant, Start> firsts = new LinkedHashMap<>();
                for (Variant variant : variants) {
                    starts.put(variant, new ArrayList<>());
                }
                for (int i = 0; i <= RUNS; i++) {
                    for (Variant variant : variants) {
                        Path jar = root.resolve(service).resolve(variant.jarPath());
                        Start start = start(variant.java(), jar, jdbcUrl, root);
                        if (i == 0) {
                            firsts.put(variant, start);
                        } else {
                            starts.get(variant).add(start);
                        }
                    }
                }
                boolean migrated = false;
                for (Variant variant : variants) {
                    double ready = BenchSupport.median(starts.get(variant).stream().map(Start::readySeconds).toList());
                    double quarkus = BenchSupport.median(starts.get(variant).stream().map(Start::quarkusSeconds).toList());
                    // Only the very first start of a service migrates the empty schema; the others find it up to date.
                    String first = migrated ? "" : String.format("%10.3f s", firsts.get(variant).readySeconds());
                    migrated = true;
                    System.out.printf("%-20s %-18s %12s %12.3f s %12.3f s %11.1fx %11.2fx%n", service, variant.name(),
                            first, ready, quarkus, ready / jvmBaseline, ready / GOAL_SECONDS);
                }
            }
        }
    }

    record Start(double readySeconds, double quarkusSeconds) {
    }

    private static Start start(String java, Path jar, String jdbcUrl, Path root) throws Exception {
        BenchSupport.Service service = BenchSupport.startService(java, jar, jdbcUrl, "benchmark-password-1", List.of(),
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
