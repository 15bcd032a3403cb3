package org.bdisuite.test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A packaged service (target/quarkus-app/quarkus-run.jar) started as a child process on a free port. It can be
 * killed without warning ({@link #kill()}, a SIGKILL) and started again on the same port with the same environment
 * ({@link #restart()}), which is how the crash trials take a replica down and bring it back.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final AtomicInteger STARTS = new AtomicInteger();

    private final String module;
    private final Map<String, String> environment;
    private final Path logDirectory;
    private final List<String> jvmOptions;
    private final int port;
    private final int sslPort;
    private Process process;
    private Path log;

    private ServiceProcess(
            String module,
            Map<String, String> environment,
            Path logDirectory,
            List<String> jvmOptions,
            int port,
            int sslPort) {
        this.module = module;
        this.environment = Map.copyOf(environment);
        this.logDirectory = logDirectory;
        this.jvmOptions = jvmOptions;
        this.port = port;
        this.sslPort = sslPort;
    }

    /**
     * What every service of one test needs: the shared database, the bootstrap administrator, and the receiver's
     * base folder under {@code work}; a mutable map, for a test to add its own.
     */
    public static Map<String, String> suiteEnvironment(
            TestDatabase.Coordinates database, String admin, String password, Path work) {
        return new HashMap<>(Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL", database.jdbcUrl(),
                "QUARKUS_DATASOURCE_USERNAME", database.username(),
                "QUARKUS_DATASOURCE_PASSWORD", database.password(),
                "SUITE_BOOTSTRAP_ADMIN_USER", admin,
                "SUITE_BOOTSTRAP_ADMIN_PASSWORD", password,
                "SUITE_RECEIVER_BASE_FOLDER", work.resolve("receiver").toString()));
    }

    public static ServiceProcess start(String module, Map<String, String> environment, Path logDirectory)
            throws IOException {
        return start(module, environment, logDirectory, "-Xmx512m");
    }

    /** As above with the given JVM options instead, e.g. -Xmx64m. */
    public static ServiceProcess start(
            String module, Map<String, String> environment, Path logDirectory, String... jvmOptions)
            throws IOException {
        ServiceProcess service =
                new ServiceProcess(module, environment, logDirectory, List.of(jvmOptions), freePort(), freePort());
        service.launch();
        return service;
    }

    /** Starts the service again on the same port with the same environment, after {@link #kill()} or a crash. */
    public void restart() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(module + " is still running");
        }
        launch();
    }

    /** kill -9: the process ends at once, without shutdown hooks, open requests cut off. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(module + " (pid " + process.pid() + ") did not die on SIGKILL");
        }
    }

    public boolean alive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** The CPU time the current process has used so far (right after a start: what the start-up cost). */
    public Duration cpuTime() {
        return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    public int port() {
        return port;
    }

    /** The log of the current (last started) process. */
    public Path log() {
        return log;
    }

    private void launch() throws IOException {
        Path root = Path.of(System.getProperty("suite.root", ".."));
        Path jar = root.resolve(module)
                .resolve("target/quarkus-app/quarkus-run.jar")
                .toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package " + module + " first (the reactor does it)");
        }
        log = logDirectory.resolve(module + "-" + STARTS.incrementAndGet() + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        builder.environment().put("QUARKUS_HTTP_SSL_PORT", String.valueOf(sslPort));
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        process = builder.start();
        awaitReady();
    }

    private void awaitReady() throws IOException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The service exited; see " + log + ":\n" + Files.readString(log));
            }
            try {
                HttpResponse<Void> response = http.send(
                        HttpRequest.newBuilder(uri().resolve("q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
        throw new IllegalStateException("The service did not become ready; see " + log);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop(Duration.ofSeconds(30));
    }

    /** Stops the service gracefully (SIGTERM), killing it if it has not ended within {@code grace}. */
    public void stop(Duration grace) throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
        }
    }
}
