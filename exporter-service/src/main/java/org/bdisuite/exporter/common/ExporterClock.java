package org.bdisuite.exporter.common;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The exporter's one source of "now". The daily run's due dates depend on it, so tests set a fixed clock to check
 * daily / weekly / monthly dates, timezones and month ends without waiting.
 */
@ApplicationScoped
public class ExporterClock {

    private volatile Clock clock = Clock.systemUTC();

    public Instant instant() {
        return clock.instant();
    }

    public OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** Replaces the clock (tests); {@code null} goes back to the system clock. */
    public void use(Clock replacement) {
        this.clock = replacement == null ? Clock.systemUTC() : replacement;
    }
}
