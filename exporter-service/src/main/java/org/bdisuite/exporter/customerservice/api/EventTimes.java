package org.bdisuite.exporter.customerservice.api;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import org.bdisuite.runtime.error.InvalidRequestException;
import org.bdisuite.runtime.error.StorableTimes;

/** The time values of the services API: an ISO-8601 date-time with an offset, or epoch milliseconds. */
public final class EventTimes {

    /** What a time parameter accepts, for error messages. */
    public static final String ALLOWED = "an ISO-8601 date-time with offset (2026-11-01T10:00:00Z,"
            + " 2026-11-01T11:00:00.250+01:00) or epoch milliseconds (1793527200000)";

    private static final Pattern EPOCH_MILLIS = Pattern.compile("-?\\d{1,15}");

    private EventTimes() {}

    /** The time, or a 400 naming the field and what it accepts. */
    public static OffsetDateTime parse(String field, String value) {
        if (value == null || value.isBlank()) {
            throw InvalidRequestException.forField(field, "is required; allowed: " + ALLOWED);
        }
        return StorableTimes.require(field, parseText(field, value));
    }

    private static OffsetDateTime parseText(String field, String value) {
        String text = value.strip();
        try {
            if (EPOCH_MILLIS.matcher(text).matches()) {
                return Instant.ofEpochMilli(Long.parseLong(text)).atOffset(ZoneOffset.UTC);
            }
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException | ArithmeticException e) {
            throw InvalidRequestException.forField(field, "'" + value + "' is not a time; allowed: " + ALLOWED);
        }
    }

    /** The time, or {@code otherwise} when the value is absent. */
    public static OffsetDateTime parseOr(String field, String value, OffsetDateTime otherwise) {
        return value == null ? otherwise : parse(field, value);
    }
}
