package org.bdisuite.runtime.error;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What a value of a Java type looks like, in a client's words ("a whole number from 0 to 2147483647", "one of CSV,
 * JSON"): the second half of an error message about a parameter or a body property, never the type's name.
 */
public final class ExpectedValues {

    private ExpectedValues() {}

    /** "must be ..." for the type, or empty when there is nothing better to say than "invalid". */
    public static Optional<String> mustBe(Class<?> type) {
        return describe(type).map(what -> "must be " + what);
    }

    private static Optional<String> describe(Class<?> type) {
        if (type == null) {
            return Optional.empty();
        }
        if (type.isEnum()) {
            return Optional.of("one of "
                    + Arrays.stream(type.getEnumConstants())
                            .map(constant -> ((Enum<?>) constant).name())
                            .collect(Collectors.joining(", ")));
        }
        if (type == int.class || type == Integer.class) {
            return Optional.of(wholeNumber(Integer.MIN_VALUE, Integer.MAX_VALUE));
        }
        if (type == long.class || type == Long.class) {
            return Optional.of(wholeNumber(Long.MIN_VALUE, Long.MAX_VALUE));
        }
        if (type == short.class || type == Short.class) {
            return Optional.of(wholeNumber(Short.MIN_VALUE, Short.MAX_VALUE));
        }
        if (type == BigInteger.class) {
            return Optional.of("a whole number");
        }
        if (type == double.class
                || type == Double.class
                || type == float.class
                || type == Float.class
                || type == BigDecimal.class) {
            return Optional.of("a number");
        }
        if (type == boolean.class || type == Boolean.class) {
            return Optional.of("true or false");
        }
        if (type == String.class || type == char.class || type == Character.class) {
            return Optional.of("a string");
        }
        if (type == LocalDate.class) {
            return Optional.of("a date (YYYY-MM-DD)");
        }
        if (type == LocalTime.class) {
            return Optional.of("a time of day (hh:mm[:ss])");
        }
        if (type == LocalDateTime.class) {
            return Optional.of("a date and time (YYYY-MM-DDThh:mm[:ss])");
        }
        if (type == OffsetDateTime.class || type == ZonedDateTime.class || type == Instant.class) {
            return Optional.of("a date and time with its offset (ISO 8601, for example 2026-01-31T12:00:00Z)");
        }
        if (type == UUID.class) {
            return Optional.of("a UUID");
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return Optional.of("an array");
        }
        if (type.isRecord()
                || Map.class.isAssignableFrom(type)
                || type.getName().startsWith("org.bdisuite.")) {
            return Optional.of("an object");
        }
        return Optional.empty();
    }

    private static String wholeNumber(long min, long max) {
        return "a whole number from " + min + " to " + max;
    }
}
