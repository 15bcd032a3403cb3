package org.bdisuite.crash;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.bdisuite.test.ServiceProcess;

/**
 * How the trials start the services: they start often and briefly, so start-up time counts, not peak speed (C1 only,
 * serial GC, a small heap). The first start of each module in a run dumps the classes it loaded into an AppCDS
 * archive (-XX:ArchiveClassesAtExit, the process then stopped gracefully so the JVM writes it); every later start
 * maps that archive (-XX:SharedArchiveFile) instead of loading and verifying those classes again. -Dcrash.cds=false
 * starts without it (to compare).
 */
final class CrashJvm {

    private static final List<String> OPTIONS = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    private static final boolean CDS = !"false".equals(System.getProperty("crash.cds"));
    private static final Map<String, Optional<Path>> ARCHIVES = new ConcurrentHashMap<>();

    private CrashJvm() {}

    static ServiceProcess start(String module, Map<String, String> environment, Path logs) throws IOException {
        return ServiceProcess.start(module, environment, logs, options(module, environment, logs));
    }

    /** {@code count} replicas of a module, started at the same time. */
    static List<ServiceProcess> start(String module, int count, Map<String, String> environment, Path logs)
            throws IOException {
        String[] options = options(module, environment, logs);
        List<CompletableFuture<ServiceProcess>> starting = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            starting.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return ServiceProcess.start(module, environment, logs, options);
                } catch (IOException e) {
                    throw new CompletionException(e);
                }
            }));
        }
        return starting.stream().map(CompletableFuture::join).toList();
    }

    private static String[] options(String module, Map<String, String> environment, Path logs) throws IOException {
        Optional<Path> archive = CDS ? archive(module, environment, logs) : Optional.empty();
        return Stream.concat(OPTIONS.stream(), archive.map(a -> "-XX:SharedArchiveFile=" + a).stream())
                .toArray(String[]::new);
    }

    /** The module's archive, dumped once per test JVM by a start that is stopped gracefully; empty if it failed. */
    private static Optional<Path> archive(String module, Map<String, String> environment, Path logs)
            throws IOException {
        synchronized (module.intern()) {
            Optional<Path> known = ARCHIVES.get(module);
            if (known != null) {
                return known;
            }
            Path archive = Files.createDirectories(Path.of("target", "cds"))
                    .resolve(module + ".jsa")
                    .toAbsolutePath();
            Files.deleteIfExists(archive);
            long started = System.nanoTime();
            String[] dump = Stream.concat(OPTIONS.stream(), Stream.of("-XX:ArchiveClassesAtExit=" + archive))
                    .toArray(String[]::new);
            try {
                // Started and ready: every class of the start-up is loaded; stopped, the JVM dumps them (which takes
                // a while on a loaded machine).
                ServiceProcess.start(module, environment, logs, dump).stop(java.time.Duration.ofMinutes(3));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            Optional<Path> made = Files.isRegularFile(archive) ? Optional.of(archive) : Optional.empty();
            System.out.printf(
                    "CRASH class archive of %s: %s in %d ms%n",
                    module, made.map(Path::toString).orElse("not written"), (System.nanoTime() - started) / 1_000_000);
            ARCHIVES.put(module, made);
            return made;
        }
    }
}
