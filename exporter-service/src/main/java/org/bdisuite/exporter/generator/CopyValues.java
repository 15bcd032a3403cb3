package org.bdisuite.exporter.generator;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.bdisuite.exporter.datasource.DataSourceException;

/**
 * Turns PostgreSQL's own text of a value (as COPY prints it with DateStyle ISO and TimeZone UTC) into the text
 * the exporter writes, on bytes, without going through JDBC objects. Two flavours:
 * <ul>
 * <li>CSV, as the COPY select list used to format values in SQL: {@code to_char} of times as
 * {@code YYYY-MM-DD"T"HH24:MI:SS[.US]"Z"}, dates by the schedule's pattern, booleans as true / false; to_char prints
 * an infinite time or date as NULL (an empty cell) and a BC year without its era.</li>
 * <li>JSON, as the former JDBC path (JDBC values written by Jackson) printed it: times as {@link java.time.Instant#toString()},
 * dates through the schedule's {@link DateTimeFormatter}, numerics as {@link BigDecimal#toString()}, doubles as
 * {@link Double#toString(double)} (non-finite ones as strings, as Jackson does), values JDBC cannot convert (an
 * infinite time, a NaN numeric) fail the export as they fail it there.</li>
 * </ul>
 * The common shapes (four-digit AD years) are rewritten byte by byte; the rare ones go through java.time.
 */
final class CopyValues {

    private static final byte[] TRUE = ascii("true");
    private static final byte[] FALSE = ascii("false");
    private static final byte[] NULL = ascii("null");

    private CopyValues() {}

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Where output goes: the filter's buffer. */
    interface Sink {
        void put(byte b);

        void put(byte[] bytes, int from, int to);

        default void put(byte[] bytes) {
            put(bytes, 0, bytes.length);
        }
    }

    /** A schedule's date pattern (yyyy, MM, dd and literals) as a byte layout; null for any other pattern. */
    static int[] layout(String pattern) {
        List<Integer> tokens = new ArrayList<>();
        for (int i = 0; i < pattern.length(); ) {
            if (pattern.startsWith("yyyy", i)) {
                tokens.add(-1);
                i += 4;
            } else if (pattern.startsWith("MM", i)) {
                tokens.add(-2);
                i += 2;
            } else if (pattern.startsWith("dd", i)) {
                tokens.add(-3);
                i += 2;
            } else if (Character.isLetter(pattern.charAt(i)) || pattern.charAt(i) == '\'' || pattern.charAt(i) > 127) {
                return null;
            } else {
                tokens.add((int) pattern.charAt(i));
                i++;
            }
        }
        return tokens.stream().mapToInt(Integer::intValue).toArray();
    }

    // ---- booleans ----------------------------------------------------------------------------------------------

    /** bool prints t / f; a bit(1) column (also JDBC's BIT) prints 1 / 0, which JDBC reads as a boolean too. */
    static void bool(byte[] v, int n, Sink out) {
        if (n == 1 && (v[0] == 't' || v[0] == '1')) {
            out.put(TRUE);
        } else if (n == 1 && (v[0] == 'f' || v[0] == '0')) {
            out.put(FALSE);
        } else {
            throw new DataSourceException(
                    "The data source query failed: Cannot cast to boolean: \""
                            + new String(v, 0, n, StandardCharsets.UTF_8) + "\"",
                    null);
        }
    }

    // ---- dates -------------------------------------------------------------------------------------------------

    private static boolean isInfinity(byte[] v, int n) {
        return (n == 8 || n == 9) && v[n - 1] == 'y' && (v[0] == 'i' || v[0] == '-');
    }

    /** The end of the year digits (the first '-' after position 0). */
    private static int yearEnd(byte[] v, int n) {
        for (int i = 1; i < n; i++) {
            if (v[i] == '-') {
                return i;
            }
        }
        throw new IllegalStateException("not a PostgreSQL ISO date: " + new String(v, 0, n, StandardCharsets.UTF_8));
    }

    private static boolean isBc(byte[] v, int n) {
        return n > 3 && v[n - 1] == 'C' && v[n - 2] == 'B' && v[n - 3] == ' ';
    }

    private static void layDate(byte[] v, int yearEnd, int[] layout, Sink out) {
        for (int token : layout) {
            switch (token) {
                case -1 -> out.put(v, 0, yearEnd);
                case -2 -> out.put(v, yearEnd + 1, yearEnd + 3);
                case -3 -> out.put(v, yearEnd + 4, yearEnd + 6);
                default -> out.put((byte) token);
            }
        }
    }

    /** CSV: to_char(date, pattern): the year's digits as printed, no era; infinity is NULL. */
    static void csvDate(byte[] v, int n, int[] layout, Sink out) {
        if (isInfinity(v, n)) {
            return;
        }
        layDate(v, yearEnd(v, n), layout, out);
    }

    /** JSON: the schedule's DateTimeFormatter of JDBC's LocalDate, as a JSON string. */
    static void jsonDate(byte[] v, int n, int[] layout, DateTimeFormatter formatter, Sink out) {
        out.put((byte) '"');
        if (layout != null && n == 10 && v[4] == '-') {
            layDate(v, 4, layout, out);
        } else {
            out.put(ascii(formatter.format(localDate(v, n))));
        }
        out.put((byte) '"');
    }

    /** What pgjdbc's getObject(LocalDate) makes of the text: infinity as LocalDate.MAX / MIN, BC as year 1 - y. */
    static LocalDate localDate(byte[] v, int n) {
        if (isInfinity(v, n)) {
            return v[0] == '-' ? LocalDate.MIN : LocalDate.MAX;
        }
        int yearEnd = yearEnd(v, n);
        int year = digits(v, 0, yearEnd);
        return LocalDate.of(
                isBc(v, n) ? 1 - year : year, digits(v, yearEnd + 1, yearEnd + 3), digits(v, yearEnd + 4, yearEnd + 6));
    }

    private static int digits(byte[] v, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            value = value * 10 + (v[i] - '0');
        }
        return value;
    }

    // ---- times -------------------------------------------------------------------------------------------------

    /** The parts of {@code Y-MM-DD HH:MI:SS[.ffffff][+00][ BC]}: index of the space, fraction digits from / to. */
    private static long timeParts(byte[] v, int n) {
        int space = yearEnd(v, n) + 6;
        if (space >= n || v[space] != ' ' || space + 9 > n) {
            throw new IllegalStateException(
                    "not a PostgreSQL ISO timestamp: " + new String(v, 0, n, StandardCharsets.UTF_8));
        }
        int i = space + 9;
        int fractionEnd = i;
        if (i < n && v[i] == '.') {
            fractionEnd = i + 1;
            while (fractionEnd < n && v[fractionEnd] >= '0' && v[fractionEnd] <= '9') {
                fractionEnd++;
            }
        }
        int rest = fractionEnd;
        if (rest < n && (v[rest] == '+' || v[rest] == '-')) {
            // TimeZone is UTC for the COPY: timestamptz always prints +00.
            if (rest + 3 > n
                    || v[rest] != '+'
                    || v[rest + 1] != '0'
                    || v[rest + 2] != '0'
                    || (rest + 3 < n && v[rest + 3] == ':')) {
                throw new IllegalStateException("timestamp not in UTC: " + new String(v, 0, n, StandardCharsets.UTF_8));
            }
        }
        return ((long) space << 32) | ((long) (i + (fractionEnd > i ? 1 : 0)) << 16) | fractionEnd;
    }

    /** CSV: to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), with .US when there is a fraction. */
    static void csvTimestamp(byte[] v, int n, Sink out) {
        if (isInfinity(v, n)) {
            return;
        }
        long parts = timeParts(v, n);
        int space = (int) (parts >>> 32);
        int fractionFrom = (int) (parts >>> 16) & 0xFFFF;
        int fractionEnd = (int) parts & 0xFFFF;
        out.put(v, 0, space);
        out.put((byte) 'T');
        out.put(v, space + 1, space + 9);
        if (fractionEnd > fractionFrom) {
            out.put((byte) '.');
            out.put(v, fractionFrom, fractionEnd);
            for (int i = fractionEnd - fractionFrom; i < 6; i++) {
                out.put((byte) '0');
            }
        }
        out.put((byte) 'Z');
    }

    /** JSON: the CSV text of {@link #csvTimestamp} as a JSON string; infinity, which to_char prints as NULL, is null. */
    static void jsonIsoUtc(byte[] v, int n, Sink out) {
        if (isInfinity(v, n)) {
            out.put(NULL);
            return;
        }
        out.put((byte) '"');
        csvTimestamp(v, n, out);
        out.put((byte) '"');
    }

    /** JSON: Instant.toString() of the UTC instant, as a JSON string; fractions print as 3 or 6 digits. */
    static void jsonTimestamp(byte[] v, int n, String column, Sink out) {
        if (isInfinity(v, n)) {
            // JDBC's OffsetDateTime of infinity cannot be moved to UTC: the former JDBC path failed the export too.
            throw new DataSourceException(
                    "The data source query failed: column " + column + " holds "
                            + new String(v, 0, n, StandardCharsets.US_ASCII) + ", which is not an ISO-8601 instant",
                    null);
        }
        long parts = timeParts(v, n);
        int space = (int) (parts >>> 32);
        int fractionFrom = (int) (parts >>> 16) & 0xFFFF;
        int fractionEnd = (int) parts & 0xFFFF;
        out.put((byte) '"');
        if (space == 10 && !isBc(v, n)) {
            out.put(v, 0, 10);
            out.put((byte) 'T');
            out.put(v, 11, 19);
            int digits = fractionEnd - fractionFrom;
            if (digits > 0) {
                // Instant.toString prints milliseconds when the microseconds are whole ones, else microseconds.
                boolean micros = false;
                for (int i = fractionFrom + 3; i < fractionEnd; i++) {
                    micros |= v[i] != '0';
                }
                int width = micros ? 6 : 3;
                out.put((byte) '.');
                out.put(v, fractionFrom, Math.min(fractionEnd, fractionFrom + width));
                for (int i = digits; i < width; i++) {
                    out.put((byte) '0');
                }
            }
            out.put((byte) 'Z');
        } else {
            LocalDate date = localDate(v, n);
            int nanos = 0;
            for (int i = 0; i < 9; i++) {
                nanos = nanos * 10 + (fractionFrom + i < fractionEnd ? v[fractionFrom + i] - '0' : 0);
            }
            LocalDateTime time = date.atTime(
                    digits(v, space + 1, space + 3),
                    digits(v, space + 4, space + 6),
                    digits(v, space + 7, space + 9),
                    nanos);
            out.put(ascii(time.toInstant(ZoneOffset.UTC).toString()));
        }
        out.put((byte) '"');
    }

    // ---- numbers -----------------------------------------------------------------------------------------------

    /** JSON of a numeric: Jackson writes JDBC's BigDecimal with toString(), which is PostgreSQL's text except tiny values. */
    static void jsonNumeric(byte[] v, int n, Sink out) {
        if (n > 0 && (v[0] == 'N' || v[0] == 'I' || (n > 1 && v[1] == 'I'))) {
            throw new DataSourceException(
                    "The data source query failed: Bad value for type BigDecimal : "
                            + new String(v, 0, n, StandardCharsets.US_ASCII),
                    null);
        }
        int zero = v[0] == '-' ? 1 : 0;
        // toString() switches to E notation when the adjusted exponent is below -6: 0.000000... and nothing else.
        if (n >= zero + 8
                && v[zero] == '0'
                && v[zero + 1] == '.'
                && v[zero + 2] == '0'
                && v[zero + 3] == '0'
                && v[zero + 4] == '0'
                && v[zero + 5] == '0'
                && v[zero + 6] == '0'
                && v[zero + 7] == '0') {
            out.put(ascii(new BigDecimal(new String(v, 0, n, StandardCharsets.US_ASCII)).toString()));
        } else {
            out.put(v, 0, n);
        }
    }

    /**
     * JSON of a double / real / money: Jackson's writeNumber(double) of JDBC's getDouble, i.e. Double.toString, and
     * a non-finite value as a string. Integral values below 10^7 are "n.0" without parsing.
     */
    static void jsonDouble(byte[] v, int n, Sink out) {
        int digitsFrom = n > 0 && v[0] == '-' ? 1 : 0;
        boolean integral = n > digitsFrom && n - digitsFrom <= 7;
        for (int i = digitsFrom; integral && i < n; i++) {
            integral = v[i] >= '0' && v[i] <= '9';
        }
        if (integral && (n - digitsFrom == 1 || v[digitsFrom] != '0')) {
            out.put(v, 0, n);
            out.put((byte) '.');
            out.put((byte) '0');
            return;
        }
        String text = new String(v, 0, n, StandardCharsets.US_ASCII);
        double value;
        try {
            // Jackson's FastDoubleParser: the same correctly rounded double as Double.parseDouble, in a third of the
            // time.
            value = com.fasterxml.jackson.core.io.NumberInput.parseDouble(moneyText(text), true);
        } catch (NumberFormatException e) {
            throw new DataSourceException("The data source query failed: Bad value for type double : " + text, e);
        }
        if (Double.isFinite(value)) {
            out.put(ascii(Double.toString(value)));
        } else {
            out.put((byte) '"');
            out.put(ascii(Double.toString(value)));
            out.put((byte) '"');
        }
    }

    /** pgjdbc's getFixedString (for money): drops a leading currency sign and turns (x) into -x. */
    private static String moneyText(String text) {
        if (text.length() < 2 || text.charAt(0) > '-') {
            return text;
        }
        if (text.charAt(0) == '(') {
            String inner = text.substring(1, text.length() - 1);
            return "-" + (inner.startsWith("$") ? inner.substring(1) : inner);
        }
        if (text.charAt(0) == '$') {
            return text.substring(1);
        }
        if (text.charAt(0) == '-' && text.charAt(1) == '$') {
            return "-" + text.substring(2);
        }
        return text;
    }
}
