package org.bdisuite.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The container images' Dockerfiles (not built here: no container engine on these machines). Each service has a
 * JVM and a native one under src/main/docker, on a pinned base image, running as a non-root user, exposing the
 * service's ports; the JVM one on JDK 25 with an AOT cache.
 */
class DockerfilesTest {

    static Stream<Arguments> dockerfiles() {
        return Arrays.stream(Service.values())
                .flatMap(s -> Stream.of("Dockerfile.jvm", "Dockerfile.native").map(f -> Arguments.of(s, f)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dockerfiles")
    void pinsItsBaseRunsAsNonRootAndExposesThePorts(Service service, String file) throws IOException {
        Path dockerfile =
                Kustomize.ROOT.resolve(service.name).resolve("src/main/docker").resolve(file);
        assertThat(dockerfile).as("%s %s", service, file).isRegularFile();
        List<String> lines = Files.readAllLines(dockerfile).stream()
                .map(String::trim)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .toList();
        List<String> from = lines.stream()
                .filter(l -> l.startsWith("FROM "))
                .map(l -> l.split("\\s+")[1])
                .toList();
        assertThat(from).as("%s %s FROM", service, file).isNotEmpty().allSatisfy(image -> {
            String afterHost = image.substring(image.lastIndexOf('/') + 1);
            assertThat(afterHost.contains("@sha256:") || afterHost.matches("[^:]+:[0-9][^:]*"))
                    .as("base image %s pinned to a version", image)
                    .isTrue();
        });
        List<String> users = lines.stream()
                .filter(l -> l.startsWith("USER "))
                .map(l -> l.substring(5).trim())
                .toList();
        assertThat(users).as("%s %s USER", service, file).isNotEmpty();
        assertThat(users.get(users.size() - 1))
                .as("%s %s runs as user 185 (as the manifests' runAsUser)", service, file)
                .isEqualTo("185");
        List<String> exposed = lines.stream()
                .filter(l -> l.startsWith("EXPOSE "))
                .flatMap(l -> Arrays.stream(l.substring(7).trim().split("\\s+")))
                .toList();
        assertThat(exposed)
                .as("%s %s EXPOSE", service, file)
                .contains(Integer.toString(service.httpPort), Integer.toString(service.sslPort));
        if (file.endsWith(".jvm")) {
            assertThat(lines)
                    .as("%s copies the aot-jar layout of ./mvnw package -Daot", service)
                    .contains(
                            "COPY target/quarkus-app-aot/lib/ /deployments/lib/",
                            "COPY target/quarkus-app-aot/*.jar /deployments/",
                            "COPY target/quarkus-app-aot/app/ /deployments/app/",
                            "COPY target/quarkus-app-aot/quarkus/ /deployments/quarkus/");
            assertThat(from)
                    .as("%s runs on a JDK that reads AOT caches (25 or newer)", service)
                    .allSatisfy(image -> assertThat(image).containsPattern("openjdk-(2[5-9]|[3-9][0-9])-runtime"));
            assertThat(lines)
                    .as("%s ships an AOT cache made by its own JVM, and starts with it", service)
                    .anyMatch(l -> l.contains("-XX:AOTCacheOutput=app.aot") && l.contains("|| true"))
                    .as(
                            "%s: the training start ends without a database, so only a missing cache fails the step",
                            service)
                    .anyMatch(l -> l.contains("test -s app.aot"))
                    .anyMatch(l ->
                            l.startsWith("ENV JAVA_OPTS_APPEND=") && l.contains("-XX:AOTCache=/deployments/app.aot"))
                    .as("%s starts with the JIT that compiles less during the start, as ./suite does", service)
                    .anyMatch(l -> l.startsWith("ENV JAVA_OPTS_APPEND=")
                            && l.contains("-XX:+UnlockDiagnosticVMOptions -XX:-AOTReplayTraining")
                            && l.contains("-XX:Tier4InvocationThreshold=20000"));
        } else {
            assertThat(lines)
                    .as("%s copies the native runner", service)
                    .anyMatch(l -> l.matches("COPY .*target/\\*-runner .*"));
        }
    }
}
