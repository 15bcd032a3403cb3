package org.bdisuite.runtime.error;

import java.util.Map;

/** HTTP 416: a Range header that lies outside the file; the answer names the file's size (RFC 9110 15.5.17). */
public class RangeNotSatisfiableException extends SuiteException {

    private final long size;

    public RangeNotSatisfiableException(String range, long size) {
        super(
                416,
                "range-not-satisfiable",
                "The range '" + range + "' is not satisfiable: the file has " + size
                        + " bytes (send bytes=first-last with first < " + size + ")",
                null);
        this.size = size;
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("Content-Range", "bytes */" + size);
    }
}
