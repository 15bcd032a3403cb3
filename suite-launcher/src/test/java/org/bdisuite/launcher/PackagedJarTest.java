package org.bdisuite.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackagedJarTest {

    @TempDir
    Path service;

    private Path usual;
    private Path aot;

    @BeforeEach
    void builds() throws Exception {
        usual = jar("target/quarkus-app/quarkus-run.jar", Instant.parse("2026-12-04T10:00:00Z"));
        aot = jar("target/quarkus-app-aot/quarkus-run.jar", Instant.parse("2026-12-04T10:01:00Z"));
        Files.writeString(aot.resolveSibling("app.aot"), "cache");
    }

    private Path jar(String path, Instant modified) throws Exception {
        Path jar = service.resolve(path);
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, "jar");
        Files.setLastModifiedTime(jar, FileTime.from(modified));
        return jar;
    }

    @Test
    void aJdk25StartsTheAotBuildWithItsCache() {
        PackagedJar packaged = PackagedJar.of(service, 25);

        assertThat(packaged.jar()).isEqualTo(aot);
        assertThat(packaged.jvmOptions()).startsWith("-XX:AOTCache=" + aot.resolveSibling("app.aot"));
        assertThat(packaged.jvmOptions()).containsSubsequence(PackagedJar.AOT_START_OPTIONS);
    }

    @Test
    void aJdk17StartsTheUsualBuild() {
        PackagedJar packaged = PackagedJar.of(service, 17);

        assertThat(packaged.jar()).isEqualTo(usual);
        assertThat(packaged.jvmOptions()).isEmpty();
    }

    @Test
    void anAotBuildOlderThanTheUsualOneIsStaleAndLeftAlone() throws Exception {
        Files.setLastModifiedTime(aot, FileTime.from(Instant.parse("2026-12-04T09:00:00Z")));

        assertThat(PackagedJar.of(service, 25).jar()).isEqualTo(usual);
    }

    @Test
    void anAotBuildWithoutItsCacheIsLeftAlone() throws Exception {
        Files.delete(aot.resolveSibling("app.aot"));

        assertThat(PackagedJar.of(service, 25).jar()).isEqualTo(usual);
    }
}
