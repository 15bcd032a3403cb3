package org.bdisuite.receiver.rest;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Arrays;
import java.util.Locale;
import org.bdisuite.runtime.error.InvalidRequestException;
import org.bdisuite.runtime.error.StorableTimes;

/** Reads the receiver's path parameters; anything unreadable is a 400 that names the parameter. */
final class Parameters {

    /** The BDI samples' "2016-07-11 15:45:27.356" (taken as UTC), besides ISO-8601. */
    private static final DateTimeFormatter BDI_TIMESTAMP = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
            .optionalEnd()
            .toFormatter(Locale.ROOT);

    private Parameters() {}

    static long number(String parameter, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw InvalidRequestException.forField(parameter, "must be a whole number, not '" + printable(value) + "'");
        }
    }

    /** A block number or count: a whole number from 0 to 2,147,483,647. */
    static int count(String parameter, String value) {
        long number = number(parameter, value);
        if (number < 0 || number > Integer.MAX_VALUE) {
            throw InvalidRequestException.forField(parameter, "must be from 0 to " + Integer.MAX_VALUE);
        }
        return (int) number;
    }

    static <E extends Enum<E>> E oneOf(String parameter, String value, Class<E> type) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(value)) {
                return constant;
            }
        }
        throw InvalidRequestException.forField(
                parameter,
                "must be one of " + Arrays.toString(type.getEnumConstants()) + ", not '" + printable(value) + "'");
    }

    /** ISO-8601 with an offset, ISO-8601 or "yyyy-MM-dd HH:mm:ss[.SSS]" without one (UTC), or epoch milliseconds. */
    static OffsetDateTime time(String parameter, String value) {
        return StorableTimes.require(parameter, parseTime(parameter, value));
    }

    private static OffsetDateTime parseTime(String parameter, String value) {
        try {
            if (value.chars().allMatch(Character::isDigit) && !value.isEmpty()) {
                return OffsetDateTime.ofInstant(java.time.Instant.ofEpochMilli(Long.parseLong(value)), ZoneOffset.UTC);
            }
            if (value.length() > 19 && (value.endsWith("Z") || value.matches(".*[+-]\\d\\d:?\\d\\d$"))) {
                return OffsetDateTime.parse(value);
            }
            LocalDateTime local =
                    value.indexOf('T') > 0 ? LocalDateTime.parse(value) : LocalDateTime.parse(value, BDI_TIMESTAMP);
            return local.atOffset(ZoneOffset.UTC);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw InvalidRequestException.forField(
                    parameter,
                    "must be a time such as 2026-11-22T10:15:30Z,"
                            + " 2026-11-22 10:15:30.123 (UTC) or epoch milliseconds, not '" + printable(value) + "'");
        }
    }

    /** The value for an error message: short, and without control characters. */
    private static String printable(String value) {
        String shown = value.length() > 64 ? value.substring(0, 64) + "..." : value;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
