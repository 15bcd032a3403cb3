package org.bdisuite.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.bdisuite.test.TestDatabase;

/** A packaged service (target/quarkus-app/quarkus-run.jar) started as a child process on a free port. */
final class ServiceProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private ServiceProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * What every service of one test needs: the shared database, the bootstrap administrator, and the receiver's
     * base folder under {@code work}; a mutable map, for a test to add its own.
     */
    static Map<String, String> suiteEnvironment(TestDatabase.Coordinates database, String admin, String password,
                                                Path work) {
        return new java.util.HashMap<>(Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL", database.jdbcUrl(),
                "QUARKUS_DATASOURCE_USERNAME", database.username(),
                "QUARKUS_DATASOURCE_PASSWORD", database.password(),
                "SUITE_BOOTSTRAP_ADMIN_USER", admin,
                "SUITE_BOOTSTRAP_ADMIN_PASSWORD", password,
                "SUITE_RECEIVER_BASE_FOLDER", work.resolve("receiver").toString()));
    }

    static ServiceProcess start(String module, Map<String, String> environment, Path logDirectory) throws IOException {
        return start(module, environment, logDirectory, "-Xmx512m");
    }

    /** As above with the given maximum heap option, e.g. -Xmx64m. */
    static ServiceProcess start(String module, Map<String, String> environment, Path logDirectory, String heap)
            throws IOException {
        Path root = Path.of(System.getProperty("suite.root", ".."));
        Path jar = root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package " + module + " first (the reactor does it)");
        }
        int port = freePort();
        Path log = logDirectory.resolve(module + ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                heap, "-jar", jar.toString());
        builder.environment().putAll(environment);
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        builder.environment().put("QUARKUS_HTTP_SSL_PORT", String.valueOf(freePort()));
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        ServiceProcess service = new ServiceProcess(builder.start(), port, log);
        service.awaitReady();
        return service;
    }

    boolean alive() {
        return process.isAlive();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    int port() {
        return port;
    }

    private void awaitReady() throws IOException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The service exited; see " + log + ":\n" + Files.readString(log));
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(uri().resolve("q/health/ready")).build(),
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
                Thread.sleep(200);
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
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
