package org.bdisuite.it.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The fuzz's seeds: one base seed a run ({@code -Dfuzz.seed=} to replay a run, else random and printed), and from it
 * one seed per service and try, so that any try can be replayed alone ({@code -Dfuzz.try=<n>}). A failed try is
 * remembered in {@code suite-it/target/fuzz-last-failure.properties} and tried first by the next run.
 */
final class FuzzSeeds {

    private static final Path LAST_FAILURE =
            Path.of(System.getProperty("suite.root", "..")).resolve("suite-it/target/fuzz-last-failure.properties");

    private FuzzSeeds() {}

    /** A try of a run: the run's base seed and the try's number. */
    record Try(long base, int number) {

        /** The generator of this try for the service: the same base, service and number give the same request. */
        SplittableRandom random(String service) {
            return new SplittableRandom(mix(mix(base ^ service.hashCode()) + number));
        }
    }

    /** {@code -Dfuzz.seed}, or a new random one. */
    static long base() {
        String given = System.getProperty("fuzz.seed", "").trim();
        return given.isEmpty() ? ThreadLocalRandom.current().nextLong() : Long.parseLong(given);
    }

    /** {@code -Dfuzz.try}: the one try to run, if given. */
    static Optional<Integer> onlyTry() {
        String given = System.getProperty("fuzz.try", "").trim();
        return given.isEmpty() ? Optional.empty() : Optional.of(Integer.parseInt(given));
    }

    static synchronized Optional<Try> lastFailure(String service) {
        String value = read().getProperty(service);
        if (value == null) {
            return Optional.empty();
        }
        String[] parts = value.split(" ");
        return Optional.of(new Try(Long.parseLong(parts[0]), Integer.parseInt(parts[1])));
    }

    static synchronized void rememberFailure(String service, Try failed) {
        Properties failures = read();
        failures.setProperty(service, failed.base() + " " + failed.number());
        write(failures);
    }

    static synchronized void forgetFailure(String service) {
        Properties failures = read();
        if (failures.remove(service) != null) {
            write(failures);
        }
    }

    private static Properties read() {
        Properties failures = new Properties();
        if (Files.exists(LAST_FAILURE)) {
            try (var in = Files.newBufferedReader(LAST_FAILURE)) {
                failures.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return failures;
    }

    private static void write(Properties failures) {
        try {
            Files.createDirectories(LAST_FAILURE.getParent());
            try (var out = Files.newBufferedWriter(LAST_FAILURE)) {
                failures.store(out, "Contract fuzz: the last failed try per service (base seed, try), run first");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** MurmurHash3's finalizer: neighbouring inputs give unrelated seeds. */
    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
