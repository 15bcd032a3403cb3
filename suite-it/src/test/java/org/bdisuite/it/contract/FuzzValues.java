package org.bdisuite.it.contract;

import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.math.BigDecimal;
import java.util.List;

/**
 * The values the fuzz puts into parameters and bodies: well-formed ones from the schema, boundaries, and hostile
 * ones (wrong types, huge and negative numbers, empty and over-long strings, Unicode with NUL, right-to-left
 * marks, emoji and lone surrogates, path traversal plain and encoded, SQL and CSV metacharacters).
 */
final class FuzzValues {

    /** A parameter value; raw ones go into the URL as they are (already encoded, or deliberately not). */
    record Fragment(String text, boolean raw) {

        static Fragment of(String text) {
            return new Fragment(text, false);
        }

        static Fragment raw(String text) {
            return new Fragment(text, true);
        }
    }

    static final List<String> HOSTILE = List.of(
            "",
            " ",
            "  leading and trailing  ",
            "null",
            "undefined",
            "true",
            "[]",
            "{}",
            "../../../../etc/passwd",
            "..\\..\\..\\windows\\win.ini",
            "/etc/passwd",
            "file:///etc/passwd",
            "....//....//etc/passwd",
            ".",
            "..",
            "~",
            "/",
            "\\",
            "//",
            "a/b",
            "a\\b",
            "'",
            "\"",
            "'; DROP TABLE suite_user; --",
            "' OR '1'='1",
            "\" OR 1=1 --",
            "1; SELECT pg_sleep(0)",
            "%",
            "%%",
            "_",
            "%' AND '1'='1",
            "$1",
            "E'\\''",
            "/* comment */",
            "--",
            "=cmd|' /C calc'!A0",
            "+SUM(1+1)",
            "-2+3",
            "@SUM(1,2)",
            "a,b,c",
            "a;b;c",
            "a\tb",
            "\"quoted, with comma\"",
            "line1\nline2",
            "line1\r\nline2",
            "\r",
            "\u0000",
            "a\u0000b",
            "\u0000\u0000\u0000",
            "\u202Eevil\u202C",
            "\u200F\u05E9\u05DC\u05D5\u05DD",
            "\u0645\u0631\u062D\u0628\u0627",
            "\uFEFFbom",
            "\uD83D\uDE00\uD83D\uDD25",
            "\uD835\uDD4F",
            "\u65E5\u672C\u8A9E",
            "\u2126\u2248\u00E7\u221A",
            "Z\u0351\u036B\u0343",
            "\uD800",
            "\uDFFF",
            "a\uD800b",
            "\uDBFF\uDBFF",
            "\uFFFE",
            "\uFFFF",
            "\u0085",
            "\u2028\u2029",
            "%s%n%x%d",
            "${jndi:ldap://127.0.0.1:1/a}",
            "#{7*7}",
            "{{7*7}}",
            "<script>alert(1)</script>",
            "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><a>&x;</a>",
            "NaN",
            "Infinity",
            "-0",
            "0",
            "-1",
            "1e309",
            "0x10",
            "9223372036854775808",
            "-9223372036854775809",
            "2026-02-30T25:61:61Z",
            "0000-00-00",
            "9999-12-31T23:59:59Z",
            "1970-01-01T00:00:00Z",
            "*",
            "?",
            "#",
            "&",
            "=",
            "+",
            "a+b",
            "a b",
            "a?b=c",
            "a#b",
            "a&b=c",
            "x".repeat(128),
            "x".repeat(129),
            "x".repeat(256),
            "x".repeat(1025));

    /** Numbers as text: boundaries, overflow, fractions, exotic notations. */
    static final List<String> NUMBERS = List.of(
            "0",
            "1",
            "-1",
            "2",
            "127",
            "128",
            "255",
            "256",
            "499",
            "500",
            "501",
            "1000",
            "65535",
            "65536",
            "2147483646",
            "2147483647",
            "2147483648",
            "-2147483648",
            "-2147483649",
            "9223372036854775807",
            "9223372036854775808",
            "-9223372036854775808",
            "-9223372036854775809",
            "99999999999999999999999999999999999999",
            "1.5",
            "-0.0",
            "1e3",
            "1E400",
            "1e-400",
            "0x1F",
            "+1",
            "01",
            "00000000000000000001",
            "NaN",
            "Infinity",
            "-Infinity",
            "\uFF11\uFF12",
            "\u0661",
            " 1",
            "1 ",
            "1,000",
            "");

    /** Written into a path or query as they are: traversal and encodings a naive decoder gets wrong. */
    static final List<String> RAW = List.of(
            "..",
            "../",
            "../..",
            "%2e%2e",
            "%2e%2e%2f",
            "%2E%2E%2F%2E%2E%2F",
            "..%2f",
            "..%2F..%2Fetc%2Fpasswd",
            "%2f",
            "a%2Fb",
            "%5c..%5c",
            "..%5c",
            "%252e%252e%252f",
            "%c0%ae%c0%ae%c0%af",
            "%00",
            "a%00b",
            "%0d%0a",
            "%ED%A0%80",
            "%ED%BF%BF",
            "%C0%80",
            "%FF%FE",
            "%F4%90%80%80",
            "%E2%80%AE",
            "%EF%BB%BF",
            ";",
            "a;b=c",
            ";jsessionid=1",
            "%3B",
            "%23",
            "%3F",
            "%25",
            "%2525",
            "*",
            "~",
            "!",
            "$",
            "'",
            "(",
            ")",
            ",",
            "@",
            ":");

    private FuzzValues() {}

    static Gen<String> hostile() {
        return Gen.of(HOSTILE);
    }

    static Gen<String> numbers() {
        return Gen.of(NUMBERS);
    }

    /** Any characters at all, surrogates included, as Java holds them. */
    static Gen<String> unicode() {
        return Gen.anyChars(40);
    }

    static Gen<String> overlong() {
        return Gen.strings(Gen.range('a', 'z') + "-_.", 129, 600);
    }

    /** A value for a path, query or header parameter; {@code existing}: names of resources that exist. */
    static Gen<Fragment> forParameter(Parameter parameter, List<String> literalSegments, List<String> existing) {
        Gen<Fragment> valid = wellFormed(parameter, existing);
        Gen<Fragment> hostileText =
                Gen.oneOf(hostile(), unicode(), overlong(), numbers()).map(Fragment::of);
        Gen<Fragment> raw = Gen.of(RAW).map(Fragment::raw);
        if ("header".equals(parameter.getIn())) {
            return Gen.frequencyOf(
                    Gen.weighted(3, headerValue(parameter)),
                    Gen.weighted(
                            1,
                            Gen.of(HOSTILE).filter(FuzzValues::sendableInHeader).map(Fragment::of)));
        }
        Gen<Fragment> otherRoutes =
                literalSegments.isEmpty() ? valid : Gen.of(literalSegments).map(Fragment::of);
        // A query parameter is one of several: mostly well-formed, so that the others' values are what decides.
        int validWeight = "query".equals(parameter.getIn()) ? 9 : 6;
        return Gen.frequencyOf(
                Gen.weighted(validWeight, valid),
                Gen.weighted(5, hostileText),
                Gen.weighted(2, raw),
                Gen.weighted(1, otherRoutes));
    }

    /** A well-formed value for a path, query or header parameter, often the name of a resource that exists. */
    static Gen<Fragment> wellFormed(Parameter parameter, List<String> existing) {
        if ("header".equals(parameter.getIn())) {
            return headerValue(parameter);
        }
        return existing.isEmpty()
                ? valid(parameter).map(Fragment::of)
                : Gen.frequencyOf(Gen.weighted(2, valid(parameter)), Gen.weighted(3, Gen.of(existing)))
                        .map(Fragment::of);
    }

    /** A well-formed value of the parameter: plausible, or drawn from its schema's range. */
    static Gen<String> valid(Parameter parameter) {
        Schema<?> schema = parameter.getSchema();
        Gen<String> plausible = Gen.just(PlausibleValues.of(parameter));
        if (PlausibleValues.isNumericId(parameter.getName())) {
            return Gen.oneOf(plausible, Gen.longs(1, 1_000_000).map(String::valueOf));
        }
        return schema == null ? plausible : Gen.oneOf(plausible, validOf(schema));
    }

    /** A value inside the schema: an enum value, a number in range, a word within the length limits. */
    static Gen<String> validOf(Schema<?> schema) {
        if (schema.getEnum() != null && !schema.getEnum().isEmpty()) {
            return Gen.of(schema.getEnum()).map(String::valueOf);
        }
        String type = PlausibleValues.typeOf(schema);
        if ("integer".equals(type)) {
            long max = "int32".equals(schema.getFormat()) ? Integer.MAX_VALUE : Long.MAX_VALUE;
            long min = "int32".equals(schema.getFormat()) ? Integer.MIN_VALUE : Long.MIN_VALUE;
            min = bound(schema.getMinimum(), min);
            max = bound(schema.getMaximum(), max);
            return Gen.longs(min, max).map(String::valueOf);
        }
        if ("number".equals(type)) {
            return Gen.doubles(-1e6, 1e6).map(String::valueOf);
        }
        if ("boolean".equals(type)) {
            return Gen.of("true", "false");
        }
        if ("date-time".equals(schema.getFormat())) {
            return Gen.of("2026-01-01T00:00:00Z", "2026-06-30T12:30:45.123+02:00", "2030-12-31T23:59:59-05:00");
        }
        int min = schema.getMinLength() == null ? 1 : Math.max(1, schema.getMinLength());
        int max = schema.getMaxLength() == null ? 40 : Math.min(schema.getMaxLength(), 40);
        return Gen.strings(Gen.ALPHA + Gen.NUMERIC + "_-.", Math.min(min, max), Math.max(min, max))
                .filter(text -> !text.startsWith("."));
    }

    private static long bound(BigDecimal limit, long otherwise) {
        return limit == null ? otherwise : limit.longValue();
    }

    private static Gen<Fragment> headerValue(Parameter parameter) {
        return Gen.of(
                        "sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:",
                        "sha-256=:AAAA:",
                        "sha-512=:x:",
                        "md5=:abc:",
                        "sha-256=",
                        "SHA-256=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=",
                        "bytes=0-9",
                        "bytes=-1",
                        "bytes=5-2",
                        "bytes=0-0,1-1,2-2,3-3",
                        "bytes=99999999999999999999-",
                        "bytes=a-b",
                        "items=0-1",
                        "bytes=",
                        PlausibleValues.of(parameter))
                .map(Fragment::of);
    }

    /** What java.net.http lets through as a header value: visible ASCII, space and tab, no leading space. */
    static boolean sendableInHeader(String value) {
        return !value.isEmpty()
                && value.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c < 0x7f))
                && !Character.isWhitespace(value.charAt(0))
                && !Character.isWhitespace(value.charAt(value.length() - 1));
    }
}
