package org.bdisuite.runtime.error;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A failure as an operator reads it in a view (a job execution's exit message, a data set's cause): the messages of
 * the failure and of its causes, outermost first, each said once, on one line, without Java class names, cut to a
 * length a view can show. Never a stack trace.
 */
public final class FailureMessages {

    /** The longest text returned (the cause columns hold 2000 characters). */
    public static final int MAX_LENGTH = 1000;

    /** A qualified Java class name (org.example.SomeException) with a following ": ". */
    private static final Pattern QUALIFIED_CLASS = Pattern.compile("\\b(?:[a-z_][\\w$]*\\.)+[A-Z][\\w$]*:\\s*");

    /** A qualified exception class name on its own, as a wrapper words a cause without a message. */
    private static final Pattern QUALIFIED_EXCEPTION =
            Pattern.compile("\\b(?:[a-z_][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error)\\b");

    /** What is left at the end once a class name is gone: "...: ". */
    private static final Pattern DANGLING = Pattern.compile("[\\s:;,]+$");

    /** A bare exception class name with ": ", as wrappers built from a cause word their message. */
    private static final Pattern EXCEPTION_CLASS = Pattern.compile("\\b[A-Z][\\w$]*(?:Exception|Error):\\s*");

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private FailureMessages() {}

    /** The failure's message chain; "no reason given" when no level of it has a message. */
    public static String of(Throwable failure) {
        List<String> parts = new ArrayList<>();
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable level = failure; level != null && seen.put(level, true) == null; level = level.getCause()) {
            String text = clean(level.getMessage());
            if (text.isEmpty() || parts.stream().anyMatch(part -> part.contains(text))) {
                continue;
            }
            parts.removeIf(text::contains);
            parts.add(text);
        }
        return parts.isEmpty() ? "no reason given" : cut(String.join(": ", parts));
    }

    /** A text on one line, without class names, at most {@link #MAX_LENGTH} characters. */
    public static String clean(String message) {
        if (message == null) {
            return "";
        }
        String text = QUALIFIED_CLASS.matcher(message).replaceAll("");
        text = QUALIFIED_EXCEPTION.matcher(text).replaceAll("");
        text = EXCEPTION_CLASS.matcher(text).replaceAll("");
        text = WHITESPACE.matcher(text).replaceAll(" ").strip();
        return cut(DANGLING.matcher(text).replaceAll(""));
    }

    private static String cut(String text) {
        return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH - 3) + "...";
    }
}
