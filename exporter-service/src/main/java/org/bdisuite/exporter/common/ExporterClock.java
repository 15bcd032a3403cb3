package org.bdisuite.exporter.common;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.bdisuite.exporter.config.ExporterConfig;
import org.jboss.logging.Logger;

/**
 * The exporter's one source of "now". The daily run's due dates depend on it, so tests set a fixed clock to check
 * daily / weekly / monthly dates, timezones and month ends without waiting. Crash trials, which run the packaged
 * service as several processes, move the day of all replicas at once through a shared offset file
 * ({@code suite.exporter.clock.offset-file}, unset in production).
 */
@ApplicationScoped
public class ExporterClock {

    private static final Logger LOG = Logger.getLogger(ExporterClock.class);

    private final Optional<Path> offsetFile;
    private volatile Clock clock = Clock.systemUTC();

    public ExporterClock(ExporterConfig config) {
        this.offsetFile = config.clock().offsetFile();
        offsetFile.ifPresent(file -> LOG.warnf("The clock is moved by the duration in %s (a test setting)", file));
    }

    public Instant instant() {
        return clock.instant().plus(offset());
    }

    public OffsetDateTime now() {
        return OffsetDateTime.ofInstant(instant(), ZoneOffset.UTC);
    }

    /** Replaces the clock (tests); {@code null} goes back to the system clock. */
    public void use(Clock replacement) {
        this.clock = replacement == null ? Clock.systemUTC() : replacement;
    }

    /** The offset file's duration, read each time (a trial changes it between days); none when unset or missing. */
    private Duration offset() {
        if (offsetFile.isEmpty()) {
            return Duration.ZERO;
        }
        try {
            return Duration.parse(Files.readString(offsetFile.get()).trim());
        } catch (NoSuchFileException e) {
            return Duration.ZERO;
        } catch (IOException | DateTimeParseException e) {
            throw new IllegalStateException("suite.exporter.clock.offset-file does not hold a duration", e);
        }
    }
}
