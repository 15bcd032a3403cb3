package org.bdisuite.receiver.storage;

import java.util.regex.Pattern;
import org.bdisuite.runtime.error.InvalidRequestException;

/**
 * Checks a value that becomes a folder or file name (transaction id, transmission id, interface module, ...)
 * before any file-system call. JAX-RS has already percent-decoded path parameters once; a '%' that is still
 * there means a double-encoded value (for example %252e%252e), so '%' is refused along with separators, NUL,
 * control characters and anything else outside a small character set.
 */
public final class PathSegments {

    public static final int MAX_LENGTH = 128;
    /** Letters, digits and the few marks that BDI ids use (Tx#1, Diff_Fnd, RMS-1, a.b). */
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9_.#@+=-]+");

    private PathSegments() {}

    /**
     * @param parameter the name of the parameter, for the error message
     * @param value     the decoded value
     * @return the value, when it is safe as one path segment
     * @throws InvalidRequestException (400) naming the parameter and the rule it breaks
     */
    public static String require(String parameter, String value) {
        String problem = problemWith(value);
        if (problem != null) {
            throw InvalidRequestException.forField(parameter, problem);
        }
        return value;
    }

    private static String problemWith(String value) {
        if (value == null || value.isEmpty()) {
            return "must not be empty";
        }
        if (value.length() > MAX_LENGTH) {
            return "must have at most " + MAX_LENGTH + " characters";
        }
        if (!ALLOWED.matcher(value).matches()) {
            return "may only contain letters, digits and _ . # @ + = - (no separators, '%', spaces or control characters)";
        }
        if (value.startsWith(".")) {
            return "must not start with '.' (no '.', '..' or hidden names)";
        }
        return null;
    }
}
