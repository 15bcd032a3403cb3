package org.bdisuite.runtime.error;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The times a request may carry: years 1 to 9999. Java parses years up to 999,999,999 (and epoch milliseconds up
 * to the year 292,278,994), PostgreSQL's {@code timestamptz} stores and compares only up to the year 294,276, so a
 * time past that used to reach the database and fail there as a 500. Four-digit years are also what ISO 8601 and
 * every BDI sender write.
 */
public final class StorableTimes {

    static final OffsetDateTime EARLIEST = OffsetDateTime.of(1, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    static final OffsetDateTime LATEST = OffsetDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_999, ZoneOffset.UTC);

    /** What a request is told when its time is outside the range. */
    private static final String RANGE = "between the years 1 and 9999";

    private StorableTimes() {}

    private static boolean storable(OffsetDateTime time) {
        return !time.isBefore(EARLIEST) && !time.isAfter(LATEST);
    }

    /** The time itself, or a 400 naming the field when it is outside the years 1 to 9999. */
    public static OffsetDateTime require(String field, OffsetDateTime time) {
        if (time != null && !storable(time)) {
            throw InvalidRequestException.forField(field, "must be a time " + RANGE + ", not " + time);
        }
        return time;
    }

    /** The time itself, or an IllegalArgumentException when it is outside the range (for parsers that map it). */
    static OffsetDateTime inRange(OffsetDateTime time) {
        if (!storable(time)) {
            throw new IllegalArgumentException("not " + RANGE + ": " + time);
        }
        return time;
    }

    static Instant inRange(Instant time) {
        inRange(time.atOffset(ZoneOffset.UTC));
        return time;
    }

    static LocalDate inRange(LocalDate date) {
        inRange(date.atStartOfDay().atOffset(ZoneOffset.UTC));
        return date;
    }
}
