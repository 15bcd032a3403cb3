package org.bdisuite.batchadmin.notify;

/**
 * A notification that could not be sent this time. The message is shown in the notification history: it says what
 * failed in the operator's terms (an SMTP or HTTP status, a connection problem) and never holds a secret or a Java
 * class name.
 */
public class NotificationFailure extends Exception {

    public NotificationFailure(String message) {
        super(message, null, false, false);
    }
}
