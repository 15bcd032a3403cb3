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
 * The packagings side by side when the AOT one exists: today's (target/quarkus-app, the java running this program)
 * and the AOT one (target/quarkus-app-aot from {@code ./mvnw package -Daot} with JDK 25, its app.aot passed as
 * -XX:AOTCache, run by the JDK named by the system property aot.java), once with the cache alone and once with the
 * JIT options that ./suite and the container images add. Their starts alternate, so all see the same load. Run
 * with bench/startup.sh.
 * <p>
 * Where a start goes: the CPU the process had used when it first answered ready (all threads, the main thread, the
 * JIT compiler threads; on 2 cores the compilers compete with main() for the CPU), and one more start of the AOT
 * packaging that prints the JVM's creation time (-Xlog:startuptime) and Quarkus's time per start step
 * (-Dquarkus.debug.print-startup-times), largest first.
 * <p>
 * The framework's floor, first: bench/startup-floor, an application with the services' Quarkus extensions and
 * settings (the fixed contracts' stack) and almost none of their code, packaged and trained the same way. What it
 * needs is what the stack itself costs on this machine; a service's time above it is the service's own start.
 */
public class StartupBenchmark {

    private static final int RUNS = 5;
    private static final int STEPS_SHOWN = 10;
    private static final double GOAL_SECONDS = 1.0;
    private static final String[] SERVICES =
            {"bench/startup-floor", "receiver-service", "batch-admin-service", "exporter-service"};
    /** As suite-launcher's PackagedJar.AOT_START_OPTIONS (the bench does not build against the launcher). */
    private static final List<String> AOT_START_OPTIONS = List.of("-XX:+UnlockDiagnosticVMOptions",
            "-XX:-AOTReplayTraining", "-XX:Tier4InvocationThreshold=20000", "-XX:Tier4MinInvocationThreshold=2400",
            "-XX:Tier4CompileThreshold=60000", "-XX:Tier4BackEdgeThreshold=160000");
    private static final Pattern STARTED = Pattern.compile("started in ([0-9.]+)s");
    private static final Pattern CREATE_VM = Pattern.compile("Create VM, ([0-9.]+) secs");
    private static final Pattern STEP = Pattern.compile("Build step (\\S+) completed in: (\\d+)ms");

    record Variant(String name, String java, String jarPath, List<String> jvmOptions) {
    }

    record Start(double readySeconds, double quarkusSeconds, BenchSupport.ProcessCpu cpu) {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String aotJava = System.getProperty("aot.java", "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");
        String aotDir = System.getProperty("aot.dir", "target/quarkus-app-aot");
        Variant today = new Variant("JDK " + BenchSupport.javaFeature(java) + " today", java, "target/quarkus-app/quarkus-run.jar", List.of());
        Variant aot = new Variant("JDK " + BenchSupport.javaFeature(aotJava) + " AOT cache", aotJava, aotDir + "/quarkus-run.jar", List.of());
        // The AOT cache with the JIT options ./suite and the container images start it with (PackagedJar).
        Variant aotStart = new Variant("AOT + start opts", aotJava, aot.jarPath(), AOT_START_OPTIONS);
        // A trial of JVM options next to the AOT cache (-Daot.trial-options="-XX:... -XX:..."), same cache, same run.
        String trialOptions = System.getProperty("aot.trial-options", "").strip();
        Variant aotTrial = new Variant("AOT + trial opts", aotJava, aot.jarPath(),
                trialOptions.isEmpty() ? List.of() : List.of(trialOptions.split("\\s+")));
        List<String> breakdowns = new ArrayList<>();
        try (EmbeddedPostgres postgres = BenchSupport.startDatabase(null)) {
            String jdbcUrl = postgres.getJdbcUrl("postgres", "bench");
            double jvmBaseline = BenchSupport.median(BenchSupport.repeat(RUNS, () -> BenchSupport.run(List.of(java, "-version"), ProcessBuilder.Redirect.DISCARD)));
            System.out.printf("%nbaseline: bare JVM start and exit (java -version), median of %d: %.3f s%n%n", RUNS, jvmBaseline);
            System.out.printf("%-20s %-18s %12s %14s %14s %12s %12s   %s%n", "service", "packaging", "first start",
                    "ready (median)", "Quarkus says", "x JVM start", "x 1 s goal", "CPU at ready: all / main / JIT (s)");
            for (String service : System.getProperty("services", String.join(",", SERVICES)).split(",")) {
                if (!Files.exists(root.resolve(service).resolve(today.jarPath()))) {
                    System.out.printf("%-20s not built (bench/startup.sh builds it)%n", service);
                    continue;
                }
                List<Variant> variants = new ArrayList<>(List.of(today));
                if (Files.isExecutable(Path.of(aotJava)) && Files.exists(root.resolve(service).resolve(aotDir).resolve("app.aot"))) {
                    variants.add(aot);
                    variants.add(aotStart);
                    if (!aotTrial.jvmOptions().isEmpty()) {
                        variants.add(aotTrial);
                    }
                }
                Map<Variant, List<Start>> starts = new LinkedHashMap<>();
                Map<Variant, Start> firsts = new LinkedHashMap<>();
                for (Variant variant : variants) {
                    starts.put(variant, new ArrayList<>());
                }
                for (int i = 0; i <= RUNS; i++) {
                    for (Variant variant : variants) {
                        Start start = start(variant, root.resolve(service), jdbcUrl, root, List.of()).start();
                        if (i == 0) {
                            firsts.put(variant, start);
                        } else {
                            starts.get(variant).add(start);
                        }
                    }
                }
                boolean migrated = false;
                for (Variant variant : variants) {
                    List<Start> measured = starts.get(variant);
                    double ready = BenchSupport.median(measured.stream().map(Start::readySeconds).toList());
                    double quarkus = BenchSupport.median(measured.stream().map(Start::quarkusSeconds).toList());
                    // Only the very first start of a service migrates the empty schema; the others find it up to date.
                    String first = migrated ? "" : String.format("%10.3f s", firsts.get(variant).readySeconds());
                    migrated = true;
                    System.out.printf("%-20s %-18s %12s %12.3f s %12.3f s %11.1fx %11.2fx   %.2f / %.2f / %.2f%n", service,
                            variant.name(), first, ready, quarkus, ready / jvmBaseline, ready / GOAL_SECONDS,
                            BenchSupport.median(measured.stream().map(s -> s.cpu().total()).toList()),
                            BenchSupport.median(measured.stream().map(s -> s.cpu().main()).toList()),
                            BenchSupport.median(measured.stream().map(s -> s.cpu().compilers()).toList()));
                }
                for (Variant explained : variants.subList(1, variants.size())) {
                    breakdowns.add(breakdown(service, explained, start(explained, root.resolve(service), jdbcUrl, root,
                            List.of("-Xlog:startuptime", "-Dquarkus.debug.print-startup-times=true"))));
                }
            }
        }
        System.out.println();
        breakdowns.forEach(System.out::println);
    }

    /** A start with its log, kept until the caller has read it. */
    record LoggedStart(Start start, String log) {
    }

    private static LoggedStart start(Variant variant, Path serviceDir, String jdbcUrl, Path root, List<String> jvmOptions)
            throws Exception {
        Path jar = serviceDir.resolve(variant.jarPath());
        List<String> options = new ArrayList<>(variant.jvmOptions());
        options.addAll(jvmOptions);
        BenchSupport.Service service = BenchSupport.startService(variant.java(), jar, jdbcUrl, "benchmark-password-1",
                options, Map.of("SUITE_RECEIVER_BASE_FOLDER", root.resolve("target/bench-receiver").toString()));
        BenchSupport.ProcessCpu cpu = BenchSupport.lastReadyCpu;
        try {
            String log = Files.readString(service.log());
            Matcher started = STARTED.matcher(log);
            double quarkus = started.find() ? Double.parseDouble(started.group(1)) : Double.NaN;
            return new LoggedStart(new Start(service.readySeconds(), quarkus, cpu), log);
        } finally {
            service.close();
            Files.deleteIfExists(service.log());
        }
    }

    /** One line per service: ready, the JVM's creation, Quarkus's start and its largest steps. */
    private static String breakdown(String service, Variant variant, LoggedStart start) {
        Matcher createVm = CREATE_VM.matcher(start.log());
        Map<String, Integer> steps = new LinkedHashMap<>();
        Matcher step = STEP.matcher(start.log());
        while (step.find()) {
            steps.merge(step.group(1), Integer.parseInt(step.group(2)), Integer::sum);
        }
        int stepsTotal = steps.values().stream().mapToInt(Integer::intValue).sum();
        StringBuilder line = new StringBuilder(String.format(
                "where the start goes, %s (%s, one start printing its steps): ready %.3f s, CPU all / main / JIT %.2f / %.2f / %.2f s;"
                        + " JVM created in %s s; Quarkus started in %.3f s, its %d steps %d ms, largest:",
                service, variant.name(), start.start().readySeconds(), start.start().cpu().total(),
                start.start().cpu().main(), start.start().cpu().compilers(),
                createVm.find() ? createVm.group(1).substring(0, Math.min(5, createVm.group(1).length())) : "?",
                start.start().quarkusSeconds(), steps.size(), stepsTotal));
        steps.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(STEPS_SHOWN)
                .forEach(e -> line.append(String.format("%n    %5d ms  %s", e.getValue(), e.getKey())));
        return line.toString();
    }
}
