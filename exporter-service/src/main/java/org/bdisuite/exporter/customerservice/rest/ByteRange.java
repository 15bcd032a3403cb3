package org.bdisuite.exporter.customerservice.rest;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bdisuite.runtime.error.RangeNotSatisfiableException;

/**
 * One byte range of a Range header (RFC 9110 14.2): {@code bytes=first-last}, {@code bytes=first-} or
 * {@code bytes=-suffixLength}. Several ranges, or another unit, are ignored (the whole file is served, as the RFC
 * allows); a range outside the file is a 416.
 *
 * @param first the first byte, inclusive
 * @param last  the last byte, inclusive
 */
record ByteRange(long first, long last) {

    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d{0,19})-(\\d{0,19})");

    /** The range to serve, or null for the whole file. */
    static ByteRange of(String header, long size) {
        if (header == null) {
            return null;
        }
        Matcher range = SINGLE.matcher(header.strip());
        if (!range.matches() || (range.group(1).isEmpty() && range.group(2).isEmpty())) {
            return null;
        }
        try {
            if (range.group(1).isEmpty()) {
                long suffix = Long.parseLong(range.group(2));
                if (suffix == 0 || size == 0) {
                    throw new RangeNotSatisfiableException(header, size);
                }
                return new ByteRange(Math.max(0, size - suffix), size - 1);
            }
            long first = Long.parseLong(range.group(1));
            long last = range.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(range.group(2)), size - 1);
            if (first >= size || last < first) {
                throw new RangeNotSatisfiableException(header, size);
            }
            return new ByteRange(first, last);
        } catch (NumberFormatException e) {
            throw new RangeNotSatisfiableException(header, size);
        }
    }

    long length() {
        return last - first + 1;
    }

    String contentRange(long size) {
        return "bytes " + first + "-" + last + "/" + size;
    }
}
