package org.bdisuite.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildFreshnessTest {

    private static final Instant SOURCES = Instant.parse("2026-12-04T10:00:00Z");
    private static final Instant BUILT = Instant.parse("2026-12-04T10:05:00Z");
    private static final Instant LATER = Instant.parse("2026-12-04T10:10:00Z");

    @TempDir
    Path root;

    @BeforeEach
    void checkoutBuiltAfterItsSources() throws Exception {
        file("pom.xml", SOURCES);
        file("common-model/pom.xml", SOURCES);
        file("common-model/src/main/resources/db/migration/V1__users.sql", SOURCES);
        file("common-model/src/test/java/SomeTest.java", SOURCES);
        file("suite-launcher/pom.xml", SOURCES);
        file("suite-launcher/target/suite-launcher.jar", BUILT);
        for (String service : SuiteLauncher.SERVICE_NAMES) {
            file(service + "/pom.xml", SOURCES);
            file(service + "/src/main/java/org/bdisuite/Resource.java", SOURCES);
            file(service + "/target/quarkus-app/quarkus-run.jar", BUILT);
        }
    }

    private Path file(String path, Instant modified) throws Exception {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, path);
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }

    @Test
    void jarsNewerThanEverySourceNeedNoBuild() {
        assertThat(new BuildFreshness(root, 17).reasonToBuild()).isEmpty();
    }

    @Test
    void aServiceRebuiltAfterAnEditNeedsNoBuildThoughTheLauncherJarKeptItsTime() throws Exception {
        // Maven's jar plugin leaves the unchanged launcher's jar as it was when a service's source changed.
        file("receiver-service/src/main/java/org/bdisuite/Resource.java", LATER);
        for (String service : SuiteLauncher.SERVICE_NAMES) {
            file(service + "/target/quarkus-app/quarkus-run.jar", LATER.plusSeconds(60));
        }

        assertThat(new BuildFreshness(root, 17).reasonToBuild()).isEmpty();
    }

    @Test
    void anEditOfTheLauncherNeedsOne() throws Exception {
        file("suite-launcher/src/main/java/org/bdisuite/launcher/SuiteLauncher.java", LATER);

        assertThat(new BuildFreshness(root, 17).reasonToBuild())
                .hasValueSatisfying(reason -> assertThat(reason).contains("SuiteLauncher.java"));
    }

    @Test
    void aSourceEditedAfterTheBuildNeedsOne() throws Exception {
        file("common-model/src/main/resources/db/migration/V1__users.sql", LATER);

        assertThat(new BuildFreshness(root, 17).reasonToBuild())
                .hasValueSatisfying(reason -> assertThat(reason).contains("V1__users.sql"));
    }

    @Test
    void anEditedPomNeedsOne() throws Exception {
        file("pom.xml", LATER);

        assertThat(new BuildFreshness(root, 17).reasonToBuild()).isPresent();
    }

    @Test
    void anEditedTestDoesNotChangeWhatIsStarted() throws Exception {
        file("common-model/src/test/java/SomeTest.java", LATER);

        assertThat(new BuildFreshness(root, 17).reasonToBuild()).isEmpty();
    }

    @Test
    void aMissingServiceJarNeedsOne() throws Exception {
        Files.delete(root.resolve("exporter-service/target/quarkus-app/quarkus-run.jar"));

        assertThat(new BuildFreshness(root, 17).reasonToBuild())
                .hasValueSatisfying(reason -> assertThat(reason).contains("exporter-service"));
    }

    @Test
    void aMissingLauncherJarNeedsOne() throws Exception {
        Files.delete(root.resolve("suite-launcher/target/suite-launcher.jar"));

        assertThat(new BuildFreshness(root, 17).reasonToBuild()).isPresent();
    }

    @Test
    void onJdk25TheAotBuildsAreWhatMustBeUpToDate() throws Exception {
        assertThat(new BuildFreshness(root, 25).reasonToBuild())
                .as("only the usual builds exist: JDK 25 builds the AOT ones")
                .isPresent();

        for (String service : SuiteLauncher.SERVICE_NAMES) {
            file(service + "/target/quarkus-app-aot/quarkus-run.jar", LATER);
            file(service + "/target/quarkus-app-aot/app.aot", LATER);
        }
        assertThat(new BuildFreshness(root, 25).reasonToBuild()).isEmpty();

        file("receiver-service/src/main/java/org/bdisuite/Resource.java", LATER.plusSeconds(60));
        assertThat(new BuildFreshness(root, 25).reasonToBuild()).isPresent();
    }
}
