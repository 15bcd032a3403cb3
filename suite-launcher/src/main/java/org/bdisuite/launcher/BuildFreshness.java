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

    /**
     * Why a build is needed, or empty when the packaged jars are newer than every source. The services' jars must be
     * newer than every module's sources (they contain common-model and suite-runtime); the launcher's jar only than
     * its own module's and the root pom: Maven's jar plugin leaves an unchanged module's jar as it was, so after an
     * edit of a service the rebuilt launcher jar keeps its old time, and comparing it with every source would ask
     * for a build on every start.
     */
    Optional<String> reasonToBuild() {
        Path launcherJar = root.resolve("suite-launcher/target/suite-launcher.jar");
        List<Path> serviceJars = new ArrayList<>();
        for (String service : SuiteLauncher.SERVICE_NAMES) {
            PackagedJar packaged = PackagedJar.of(root.resolve(service), javaFeature);
            if (javaFeature >= PackagedJar.AOT_CACHE_FEATURE_RELEASE
                    && packaged.jvmOptions().isEmpty()) {
                return Optional.of(service + " has no up-to-date AOT build for this JDK " + javaFeature);
            }
            serviceJars.add(packaged.jar());
        }
        try {
            Optional<Path> missing = Stream.concat(Stream.of(launcherJar), serviceJars.stream())
                    .filter(jar -> !Files.isRegularFile(jar))
                    .findFirst();
            if (missing.isPresent()) {
                return Optional.of(missing.get() + " is missing");
            }
            Path oldestService = oldest(serviceJars);
            Optional<String> reason = newerSource(everyModulesSources(), oldestService);
            return reason.isPresent() ? reason : newerSource(launcherSources(), launcherJar);
        } catch (IOException | UncheckedIOException e) {
            return Optional.of("the build outputs could not be compared with the sources: " + e.getMessage());
        }
    }

    private static Path oldest(List<Path> outputs) throws IOException {
        Path oldest = outputs.get(0);
        for (Path output : outputs) {
            if (Files.getLastModifiedTime(output).compareTo(Files.getLastModifiedTime(oldest)) < 0) {
                oldest = output;
            }
        }
        return oldest;
    }

    private List<Path> everyModulesSources() throws IOException {
        List<Path> sources = new ArrayList<>(List.of(root.resolve("pom.xml")));
        try (Stream<Path> modules = Files.list(root)) {
            modules.filter(module -> Files.isRegularFile(module.resolve("pom.xml")))
                    .sorted()
                    .forEach(module -> {
                        sources.add(module.resolve("pom.xml"));
                        sources.add(module.resolve("src/main"));
                    });
        }
        return sources;
    }

    private List<Path> launcherSources() {
        Path module = root.resolve("suite-launcher");
        return List.of(root.resolve("pom.xml"), module.resolve("pom.xml"), module.resolve("src/main"));
    }

    /** Why {@code output} is stale: a pom.xml or a file under {@code sources} modified after it was built. */
    private Optional<String> newerSource(List<Path> sources, Path output) throws IOException {
        FileTime built = Files.getLastModifiedTime(output);
        for (Path source : sources) {
            if (!Files.exists(source)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(source)) {
                Optional<Path> newer = files.filter(Files::isRegularFile)
                        .filter(file -> modifiedAfter(file, built))
                        .findFirst();
                if (newer.isPresent()) {
                    return Optional.of(
                            root.relativize(newer.get()) + " changed after " + root.relativize(output) + " was built");
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
