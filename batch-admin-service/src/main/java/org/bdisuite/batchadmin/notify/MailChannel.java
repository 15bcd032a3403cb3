package org.bdisuite.batchadmin.notify;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.bdisuite.runtime.events.SuiteEvent;

/** EMAIL: one plain-text mail per event to the rule's recipients, through quarkus-mailer (quarkus.mailer.*). */
@ApplicationScoped
public class MailChannel {

    private final Mailer mailer;

    public MailChannel(Mailer mailer) {
        this.mailer = mailer;
    }

    public void send(List<String> recipients, SuiteEvent event) throws NotificationFailure {
        // Subjects are names the suite checked; control characters are dropped anyway, a header is one line.
        String subject = ("[BDI Suite] " + event.kind().name() + ": " + event.subject()).replaceAll("\\p{Cntrl}", " ");
        Mail mail = new Mail().setSubject(subject).setText(EventDocument.text(event));
        recipients.forEach(mail::addTo);
        try {
            mailer.send(mail);
        } catch (RuntimeException e) {
            throw new NotificationFailure("The mail server refused or could not be reached: " + rootMessage(e));
        }
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? "no reason given" : message.replaceAll("\\p{Cntrl}", " ");
    }
}
