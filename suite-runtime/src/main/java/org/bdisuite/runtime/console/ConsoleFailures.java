package org.bdisuite.runtime.console;

import java.util.Optional;

/**
 * What a browser on a console page gets instead of an API's 401 or a login's 429: a redirect to the sign-in page.
 * A 401 with {@code WWW-Authenticate: Basic} would make the browser show its own password prompt, which the console
 * must never do; so a failed sign-in, a session that expired or whose user was disabled, and a throttled sign-in
 * all land on the sign-in page with a message.
 */
public final class ConsoleFailures {

    public static final String LOGIN_PAGE = "/console/login";
    private static final String POST_LOCATION = "/console/j_security_check";

    private ConsoleFailures() {}

    public static boolean isConsolePath(String path) {
        return path != null && (path.equals("/console") || path.startsWith("/console/"));
    }

    /** Where to send the browser instead of answering {@code status} on {@code path}, or empty for the usual body. */
    public static Optional<String> signInRedirect(String path, int status) {
        if (!isConsolePath(path)) {
            return Optional.empty();
        }
        boolean signingIn = path.equals(POST_LOCATION);
        if (status == 401) {
            return Optional.of(signingIn ? LOGIN_PAGE + "?error=true" : LOGIN_PAGE);
        }
        if (status == 429 && signingIn) {
            return Optional.of(LOGIN_PAGE + "?throttled=true");
        }
        return Optional.empty();
    }
}
