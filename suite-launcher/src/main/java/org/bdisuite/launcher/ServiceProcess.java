package org.bdisuite.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** One service of the suite run as a child JVM from its packaged Quarkus jar, with its output in a log file. */
final class ServiceProcess {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final Path jar;
    private final List<String> jvmOptions;
    private final Path logFile;
    private volatile Process process;

    ServiceProcess(String name, int port, PackagedJar packaged, Path logFile) {
        this.name = name;
        this.port = port;
        this.jar = packaged.jar();
        this.jvmOptions = packaged.jvmOptions();
        this.logFile = logFile;
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    Path jar() {
        return jar;
    }

    Path logFile() {
        return logFile;
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + port);
    }

    URI healthUrl() {
        return baseUrl().resolve("/q/health/ready");
    }

    URI swaggerUrl() {
        return baseUrl().resolve("/q/swagger-ui");
    }

    /** Starts the JVM; {@code onExit} hears of it when it ends, whoever ended it. */
    void start(Map<String, String> environment, Consumer<ServiceProcess> onExit) throws IOException {
        Files.createDirectories(logFile.getParent());
        // The same JVM that runs the launcher, so ./suite needs only one JDK on the PATH.
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(jar.getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile()));
        builder.environment().putAll(environment);
        // The port this launcher chose (the default one, or moved by --port-offset), not the packaged default.
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        process = builder.start();
        process.onExit().thenRun(() -> onExit.accept(this));
    }

    boolean isAlive() {
        Process running = process;
        return running != null && running.isAlive();
    }

    int exitValue() {
        return process.exitValue();
    }

    /** One look at the readiness endpoint: true only for a 200. */
    boolean isReady() {
        HttpRequest request = HttpRequest.newBuilder(healthUrl())
                .timeout(Duration.ofSeconds(2))
                .GET()
                .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notListeningYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Asks the JVM to stop (SIGTERM: Quarkus shuts down gracefully), without waiting. */
    void requestStop() {
        Process running = process;
        if (running != null) {
            running.destroy();
        }
    }

    /** Waits until {@code deadlineNanos} (System.nanoTime) for the JVM to end, then kills it. */
    boolean awaitStopOrKill(long deadlineNanos) throws InterruptedException {
        Process running = process;
        if (running == null) {
            return true;
        }
        long remaining = Math.max(0, deadlineNanos - System.nanoTime());
        if (running.waitFor(remaining, TimeUnit.NANOSECONDS)) {
            return true;
        }
        running.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        return false;
    }

    /** The last lines of the log, for a message that explains a failure without opening the file. */
    List<String> logTail(int lines) {
        if (!Files.exists(logFile)) {
            return List.of();
        }
        Deque<String> tail = new ArrayDeque<>(lines);
        // InputStreamReader replaces malformed bytes instead of failing, so a stray byte cannot hide the tail.
        try (Stream<String> all = new BufferedReader(
                        new InputStreamReader(Files.newInputStream(logFile), StandardCharsets.UTF_8))
                .lines()) {
            all.forEach(line -> {
                if (tail.size() == lines) {
                    tail.removeFirst();
                }
                tail.addLast(line);
            });
        } catch (IOException | UncheckedIOException e) {
            return List.of("(could not read " + logFile + ": " + e.getMessage() + ")");
        }
        return List.copyOf(tail);
    }
}
