package org.bdisuite.runtime.console;

import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.bdisuite.runtime.error.SuiteException;

/**
 * Post / redirect / get for the console's forms: after an action the browser is sent to a page (303) with a notice
 * of what was done; an action that the service refuses by its rules (a 4xx {@link SuiteException}: a restart that
 * is not allowed, a bad value) goes back to the page with the refusal's message, instead of leaving the operator on
 * a JSON error body. A 5xx is not the operator's to read and goes to the usual error mapping.
 */
public final class ConsoleRedirects {

    private ConsoleRedirects() {}

    /** Runs {@code action} (which returns the notice to show) and redirects to {@code page}. */
    public static Response after(String page, Supplier<String> action) {
        return orBackTo(page, () -> seeOther(page, "notice", action.get()));
    }

    /** The response of {@code action}, or back to {@code page} with the message when the rules refuse it. */
    public static Response orBackTo(String page, Supplier<Response> action) {
        try {
            return action.get();
        } catch (SuiteException refused) {
            if (refused.status() >= 500) {
                throw refused;
            }
            return seeOther(page, "error", refused.getMessage());
        }
    }

    public static Response seeOther(String page, String parameter, String message) {
        String separator = page.contains("?") ? "&" : "?";
        return Response.seeOther(URI.create(
                        page + separator + parameter + "=" + URLEncoder.encode(message, StandardCharsets.UTF_8)))
                .build();
    }
}
