package org.bdisuite.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Which build of a service to start, and how. The usual one is target/quarkus-app. The AOT build
 * ({@code ./mvnw package -Daot} with JDK 25: target/quarkus-app-aot with its AOT cache app.aot) starts faster
 * (0.32-0.43x of the time with its cache trained on a real start, docs/BENCHMARKS.md), so it is taken when the JVM running the launcher can read the
 * cache (JDK 25 or newer) and it is not older than the usual build (a later ordinary build means newer code).
 */
record PackagedJar(Path jar, List<String> jvmOptions) {

    static final int AOT_CACHE_FEATURE_RELEASE = 25;

    /** The build to start for the service in {@code serviceDir}, on a JVM of feature release {@code javaFeature}. */
    static PackagedJar of(Path serviceDir, int javaFeature) {
        Path usual = serviceDir.resolve("target/quarkus-app/quarkus-run.jar");
        Path aot = serviceDir.resolve("target/quarkus-app-aot/quarkus-run.jar");
        Path cache = aot.resolveSibling("app.aot");
        if (javaFeature >= AOT_CACHE_FEATURE_RELEASE
                && Files.isRegularFile(cache)
                && Files.isRegularFile(aot)
                && !olderThan(aot, usual)) {
            return new PackagedJar(aot, List.of("-XX:AOTCache=" + cache));
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
