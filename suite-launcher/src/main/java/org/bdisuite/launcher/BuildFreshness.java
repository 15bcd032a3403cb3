package org.bdisuite.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Whether {@code ./suite} can skip its Maven build: the build the launcher would start for each service
 * ({@link PackagedJar}; on JDK 25 the AOT build with its cache) and the launcher's own jar exist and are newer
 * than every pom.xml and every file under a module's src/main. The build took most of the 24.6 s a
 * {@code ./suite} used to need; a source edited since, or a missing jar, still means a build.
 * <p>
 * Run by {@code ./suite} as {@code java -cp suite-launcher.jar org.bdisuite.launcher.BuildFreshness ROOT}: exit code
 * 0 when the build can be skipped, 1 (with the reason on standard output) when it cannot.
 */
final class BuildFreshness {

    private final Path root;
    private final int javaFeature;

    BuildFreshness(Path root, int javaFeature) {
        this.root = root;
        this.javaFeature = javaFeature;
    }

    public static void main(String[] args) {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        Optional<String> reason = new BuildFreshness(root, Runtime.version().feature()).reasonToBuild();
        if (reason.isPresent()) {
            System.out.println(reason.get());
            System.exit(1);
        }
    }

    /** Why a build is needed, or empty when the packaged jars are newer than every source. */
    Optional<String> reasonToBuild() {
        List<Path> outputs = new ArrayList<>();
        outputs.add(root.resolve("suite-launcher/target/suite-launcher.jar"));
        for (String service : SuiteLauncher.SERVICE_NAMES) {
            PackagedJar packaged = PackagedJar.of(root.resolve(service), javaFeature);
            if (javaFeature >= PackagedJar.AOT_CACHE_FEATURE_RELEASE
                    && packaged.jvmOptions().isEmpty()) {
                return Optional.of(service + " has no up-to-date AOT build for this JDK " + javaFeature);
            }
            outputs.add(packaged.jar());
        }
        try {
            Optional<Path> missing =
                    outputs.stream().filter(jar -> !Files.isRegularFile(jar)).findFirst();
            if (missing.isPresent()) {
                return Optional.of(missing.get() + " is missing");
            }
            FileTime oldestOutput = null;
            Path oldest = null;
            for (Path output : outputs) {
                FileTime modified = Files.getLastModifiedTime(output);
                if (oldestOutput == null || modified.compareTo(oldestOutput) < 0) {
                    oldestOutput = modified;
                    oldest = output;
                }
            }
            Optional<Path> newer = newerSource(oldestOutput);
            if (newer.isPresent()) {
                return Optional.of(newer.get() + " changed after " + root.relativize(oldest) + " was built");
            }
            return Optional.empty();
        } catch (IOException | UncheckedIOException e) {
            return Optional.of("the build outputs could not be compared with the sources: " + e.getMessage());
        }
    }

    /** A pom.xml or a file under a module's src/main modified after {@code than}, if there is one. */
    private Optional<Path> newerSource(FileTime than) throws IOException {
        List<Path> sources = new ArrayList<>(List.of(root.resolve("pom.xml")));
        try (Stream<Path> modules = Files.list(root)) {
            modules.filter(module -> Files.isRegularFile(module.resolve("pom.xml")))
                    .forEach(module -> {
                        sources.add(module.resolve("pom.xml"));
                        sources.add(module.resolve("src/main"));
                    });
        }
        for (Path source : sources) {
            if (!Files.exists(source)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(source)) {
                Optional<Path> newer = files.filter(Files::isRegularFile)
                        .filter(file -> modifiedAfter(file, than))
                        .findFirst();
                if (newer.isPresent()) {
                    return Optional.of(root.relativize(newer.get()));
                }
            }
        }
        return Optional.empty();
    }

    private static boolean modifiedAfter(Path file, FileTime than) {
        try {
            return Files.getLastModifiedTime(file).compareTo(than) > 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
