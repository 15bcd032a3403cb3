package org.bdisuite.test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The training run of a service's AOT cache (JDK 25, {@code -XX:AOTCacheOutput}): starts the packaged service of
 * {@code target/quarkus-app-aot} against a new database of the embedded PostgreSQL, waits for its first ready, sends
 * a few requests (health, the OpenAPI document and the metrics as the bootstrap administrator, the console's login
 * page, and the paths given), then stops it with SIGTERM, on which the JVM writes {@code app.aot} next to the jar.
 * <p>
 * Unlike Quarkus's build-time training, which ends after static initialisation, this records what runs between
 * the start and the first ready (Flyway, Agroal and pgjdbc, Hibernate's session factory, the scheduler, the HTTP
 * server) and the first requests, with their method profiles: the start to ready takes 0.32-0.43x of the time of
 * today's packaging instead of 0.45-0.84x (docs/BENCHMARKS.md, "Service startup"). Run by {@code ./mvnw package -Daot} on
 * JDK 25 (the {@code aot} profile of the parent pom) with the JVM running Maven, which must be the one that later
 * reads the cache.
 * <p>
 * Usage: {@code AotTraining APP_DIR [PATH...]}
 */
public final class AotTraining {

    private static final String ADMIN = "admin";
    private static final String PASSWORD = "aot-training-password-1";
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);
    /** Writing the cache after the run (a second JVM that links and compiles) takes a while on a loaded machine. */
    private static final Duration CACHE_TIMEOUT = Duration.ofMinutes(10);

    private static final List<String> AUTHENTICATED_PATHS = List.of("/q/openapi", "/q/metrics");
    private static final List<String> PUBLIC_PATHS = List.of("/q/health/ready", "/q/health/live", "/console/login");

    private AotTraining() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("Usage: AotTraining APP_DIR [PATH...]");
            System.exit(2);
        }
        Path appDir = Path.of(args[0]).toAbsolutePath().normalize();
        List<String> paths = new ArrayList<>(AUTHENTICATED_PATHS);
        paths.addAll(List.of(args).subList(1, args.length));
        Path cache = train(appDir, paths);
        System.out.println("AOT cache trained on a start and its first requests: " + cache + " ("
                + Files.size(cache) / (1024 * 1024) + " MiB)");
        // The embedded PostgreSQL's shutdown hook stops it.
        System.exit(0);
    }

    /** Trains {@code appDir/app.aot} on one start of {@code appDir/quarkus-run.jar}; returns the cache. */
    static Path train(Path appDir, List<String> authenticatedPaths) throws Exception {
        Path jar = appDir.resolve("quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package the service first");
        }
        Path cache = appDir.resolve("app.aot");
        Files.deleteIfExists(cache);
        Path work = Files.createTempDirectory("aot-training");
        Path log = appDir.resolveSibling("aot-training.log");
        int port = freePort();
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:AOTCacheOutput=" + cache,
                "-jar",
                jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(appDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> environment = builder.environment();
        environment.putAll(ServiceProcess.suiteEnvironment(TestDatabase.createDatabase(), ADMIN, PASSWORD, work));
        environment.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        environment.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        environment.put("QUARKUS_HTTP_SSL_PORT", String.valueOf(freePort()));
        Process process = builder.start();
        try {
            URI base = URI.create("http://127.0.0.1:" + port);
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(2))
                    .build();
            awaitReady(process, http, base.resolve("/q/health/ready"), log);
            for (String path : PUBLIC_PATHS) {
                send(http, base.resolve(path), false);
            }
            for (String path : authenticatedPaths) {
                send(http, base.resolve(path), true);
            }
        } catch (Exception | Error e) {
            process.destroyForcibly();
            throw e;
        }
        // SIGTERM: Quarkus stops, the JVM exits through its shutdown and writes the cache on the way.
        process.destroy();
        if (!process.waitFor(CACHE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the training run did not end within " + CACHE_TIMEOUT + "; log: " + log);
        }
        if (!Files.isRegularFile(cache) || Files.size(cache) == 0) {
            throw new IllegalStateException("the training run wrote no AOT cache " + cache + "; log: " + log);
        }
        return cache;
    }

    private static void awaitReady(Process process, HttpClient http, URI ready, Path log) throws Exception {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service ended during its training start; log: " + log);
            }
            try {
                HttpResponse<Void> response = http.send(
                        HttpRequest.newBuilder(ready)
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // the HTTP server is not up yet
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        throw new IllegalStateException("the service was not ready within " + READY_TIMEOUT + "; log: " + log);
    }

    private static void send(HttpClient http, URI uri, boolean authenticated) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60));
        if (authenticated) {
            String credentials = ADMIN + ":" + PASSWORD;
            request.header(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
        System.out.println("  training request " + uri.getPath() + ": " + status);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
