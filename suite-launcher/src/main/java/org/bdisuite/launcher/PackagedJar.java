package org.bdisuite.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Which build of a service to start, and how. The usual one is target/quarkus-app. The AOT build
 * ({@code ./mvnw package -Daot} with JDK 25: target/quarkus-app-aot with its AOT cache app.aot) starts faster
 * (0.32-0.43x of the time with its cache trained on a real start, docs/BENCHMARKS.md), so it is taken when the JVM running the launcher can read the
 * cache (JDK 25 or newer) and it is not older than the usual build (a later ordinary build means newer code).
 */
record PackagedJar(Path jar, List<String> jvmOptions) {

    static final int AOT_CACHE_FEATURE_RELEASE = 25;

    /**
     * How an AOT build starts besides its cache: with a JIT that compiles less while the service starts. On a
     * machine with few cores the compiler threads otherwise take the CPU from the start itself (on 2 cores they
     * used 1.6 s of CPU before a service was ready, next to 0.9 s of the start's own work; docs/BENCHMARKS.md,
     * "Start-up"): the training data's eager recompilation of what was hot in training is off, and the top tier
     * compiles a method after 4x the usual invocation counts. Code that stays hot (request handling) still reaches
     * the top tier within its first seconds of load. The container images start with the same options.
     */
    static final List<String> AOT_START_OPTIONS = List.of(
            "-XX:+UnlockDiagnosticVMOptions",
            "-XX:-AOTReplayTraining",
            "-XX:Tier4InvocationThreshold=20000",
            "-XX:Tier4MinInvocationThreshold=2400",
            "-XX:Tier4CompileThreshold=60000",
            "-XX:Tier4BackEdgeThreshold=160000");

    /** The build to start for the service in {@code serviceDir}, on a JVM of feature release {@code javaFeature}. */
    static PackagedJar of(Path serviceDir, int javaFeature) {
        Path usual = serviceDir.resolve("target/quarkus-app/quarkus-run.jar");
        Path aot = serviceDir.resolve("target/quarkus-app-aot/quarkus-run.jar");
        Path cache = aot.resolveSibling("app.aot");
        if (javaFeature >= AOT_CACHE_FEATURE_RELEASE
                && Files.isRegularFile(cache)
                && Files.isRegularFile(aot)
                && !olderThan(aot, usual)) {
            List<String> options = new ArrayList<>(List.of("-XX:AOTCache=" + cache));
            options.addAll(AOT_START_OPTIONS);
            return new PackagedJar(aot, List.copyOf(options));
        }
        return new PackagedJar(usual, List.of());
    }

    private static boolean olderThan(Path file, Path other) {
        try {
            return Files.isRegularFile(other)
                    && Files.getLastModifiedTime(file).compareTo(Files.getLastModifiedTime(other)) < 0;
        } catch (IOException unreadable) {
            return true;
        }
    }
}
