package org.bdisuite.runtime.persistence;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.bdisuite.model.Roles;

/**
 * The schema versions this build carries: the versioned migrations (V&lt;version&gt;__&lt;name&gt;.sql) in common-model's
 * db/migration, read from common-model's jar (or its classes folder in tests and dev mode).
 */
final class PackagedMigrations {

    static final String FOLDER = "db/migration/";
    private static final Pattern VERSIONED = Pattern.compile("V([0-9][0-9_.]*)__[^/]+\\.sql");

    private PackagedMigrations() {}

    /** Flyway's spelling of each version (V4_1 is 4.1); empty when common-model's location cannot be read. */
    static Optional<Set<String>> versions() {
        try {
            Path location = Path.of(Roles.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            return Optional.of(Files.isDirectory(location) ? inFolder(location) : inJar(location));
        } catch (IOException | URISyntaxException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    static Set<String> inFolder(Path classes) throws IOException {
        try (Stream<Path> files = Files.list(classes.resolve(FOLDER))) {
            return versionsOf(files.map(file -> file.getFileName().toString()));
        }
    }

    static Set<String> inJar(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return versionsOf(zip.stream()
                    .map(entry -> entry.getName())
                    .filter(name -> name.startsWith(FOLDER))
                    .map(name -> name.substring(FOLDER.length())));
        }
    }

    private static Set<String> versionsOf(Stream<String> fileNames) {
        Set<String> versions = new TreeSet<>();
        fileNames.forEach(name -> {
            Matcher versioned = VERSIONED.matcher(name);
            if (versioned.matches()) {
                versions.add(versioned.group(1).replace('_', '.'));
            }
        });
        return versions;
    }
}
