package org.bdisuite.exporter.generator;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/** How a value is written as text: dates in the schedule's date format, everything else as itself. */
final class ValueText {

    private ValueText() {}

    static String of(Object value, DateTimeFormatter dates) {
        if (value == null) {
            return "";
        }
        if (value instanceof LocalDate date) {
            return dates.format(date);
        }
        if (value instanceof java.math.BigDecimal decimal) {
            return decimal.toPlainString();
        }
        return value.toString();
    }
}
