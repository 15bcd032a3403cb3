package org.bdisuite.exporter.common;

import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The texts of failures that run records, file-export jobs, audit events and the DataExporterErrors log store, and
 * that error bodies repeat: in the user's terms, never a Java class name, a stack or a driver's message. Failures
 * of this service's own making (DataSourceException, RowLimitExceededException, DeliveryException) carry such
 * texts already; anything else is logged with a reference, which the text names instead.
 */
public final class FailureTexts {

    /** A qualified Java class name (org.example.SomeException), with a following ": ". */
    private static final Pattern QUALIFIED_CLASS = Pattern.compile("\\b(?:[a-z_][\\w$]*\\.)+[A-Z][\\w$]*:?\\s*");
    /** A bare exception class name, as some libraries put it in their messages: "(ConnectException)". */
    private static final Pattern EXCEPTION_CLASS = Pattern.compile("\\(?\\b[A-Z][\\w$]*(?:Exception|Error)\\b\\)?:?");

    private FailureTexts() {}

    /** "{what} failed: an internal error (reference ...)"; the failure itself goes to the log under that reference. */
    public static String unexpected(Logger log, Throwable failure, String what) {
        String reference = UUID.randomUUID().toString();
        log.errorf(failure, "%s failed (reference %s)", what, reference);
        return what + " failed: an internal error (reference " + reference + " in the service log)";
    }

    /**
     * The message of another system's failure (an SFTP server, the receiver), as its library worded it, on one
     * line and without Java class names.
     */
    public static String external(String message) {
        if (message == null || message.isBlank()) {
            return "no reason given";
        }
        String text = QUALIFIED_CLASS
                .matcher(message.replace('\n', ' ').replace('\r', ' '))
                .replaceAll("");
        text = EXCEPTION_CLASS
                .matcher(text)
                .replaceAll("")
                .replaceAll("\\s{2,}", " ")
                .strip();
        return text.isEmpty() ? "no reason given" : text;
    }
}
