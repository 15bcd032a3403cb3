package org.bdisuite.exporter.delivery;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import org.bdisuite.exporter.api.ExportOperation;
import org.bdisuite.exporter.api.Recipient;
import org.bdisuite.exporter.api.ScheduleConfiguration;
import org.bdisuite.exporter.config.ExporterConfig;
import org.bdisuite.exporter.generator.GeneratedFile;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * EMAIL: the files attached to one mail to the schedule's recipients. Above the size limit the mail carries
 * download links instead, and says so. Header values were checked for CR / LF when the schedule was saved.
 *
 * <p>The mail's Message-ID names the schedule and the run ({@link #messageId}). The mail client's own would be
 * milliseconds plus a per-process counter, the same in two replicas that send in the same millisecond, and mail
 * systems that drop a Message-ID they have seen would drop the second, different export. Named after the run, the
 * resend of a run retried after a crash between the mail and its ledger row carries the first one's Message-ID, so
 * the same systems drop that duplicate instead.
 */
@ApplicationScoped
public class EmailDelivery implements Delivery {

    /** The Message-ID's right-hand side when the sender address has no usable domain. */
    private static final String DEFAULT_DOMAIN = "bdisuite.local";

    private final Mailer mailer;
    private final ExporterConfig config;
    private final String domain;

    public EmailDelivery(
            Mailer mailer, ExporterConfig config, @ConfigProperty(name = "quarkus.mailer.from") Optional<String> from) {
        this.mailer = mailer;
        this.config = config;
        this.domain = from.map(EmailDelivery::domainOf).orElse(DEFAULT_DOMAIN);
    }

    @Override
    public ExportOperation operation() {
        return ExportOperation.EMAIL;
    }

    @Override
    public String deliver(DeliveryRun run, long rows, List<GeneratedFile> files) {
        ScheduleConfiguration schedule = run.configuration();
        long total = files.stream().mapToLong(GeneratedFile::bytes).sum();
        boolean attach = total <= config.mail().maxAttachmentBytes();
        StringBuilder text = new StringBuilder()
                .append("The export \"")
                .append(schedule.description())
                .append("\" (schedule ")
                .append(run.businessKey())
                .append(", run ")
                .append(run.runId())
                .append(") exported ")
                .append(rows)
                .append(" rows from ")
                .append(schedule.dataSource())
                .append(".\n\n");
        Mail mail = new Mail()
                .setSubject(schedule.description())
                .addHeader("Message-ID", messageId(run.businessKey(), run.runId(), domain));
        for (Recipient recipient : schedule.recipients()) {
            mail.addTo(address(recipient));
        }
        if (attach) {
            text.append("The file").append(files.size() > 1 ? "s are" : " is").append(" attached.\n");
            for (GeneratedFile file : files) {
                mail.addAttachment(file.name(), file.path().toFile(), contentType(file.name()));
            }
        } else {
            text.append("The files (")
                    .append(total)
                    .append(" bytes) are larger than the mail size limit of ")
                    .append(config.mail().maxAttachmentBytes())
                    .append(" bytes, so they are not attached. Download them here (sign in required):\n");
            for (GeneratedFile file : files) {
                text.append(downloadLink(run.runId(), file.name()))
                        .append(" (")
                        .append(file.bytes())
                        .append(" bytes, sha-256 ")
                        .append(file.sha256())
                        .append(")\n");
            }
        }
        mailer.send(mail.setText(text.toString()));
        return (attach ? "attached " : "linked ") + files.size() + " file(s) for "
                + schedule.recipients().size() + " recipient(s)";
    }

    /** The Message-ID of a run's mail: the same for every attempt of the run, different for every other run. */
    static String messageId(String businessKey, long runId, String domain) {
        return "<export." + businessKey + ".run-" + runId + "@" + domain + ">";
    }

    /** The domain of the sender address ({@code name <local@domain>} or {@code local@domain}). */
    static String domainOf(String from) {
        String address = from.contains("<") ? from.substring(from.lastIndexOf('<') + 1) : from;
        int at = address.lastIndexOf('@');
        String domain = at < 0 ? "" : address.substring(at + 1).replace(">", "").trim();
        return domain.matches("[A-Za-z0-9.-]+") ? domain : DEFAULT_DOMAIN;
    }

    public String downloadLink(long runId, String fileName) {
        String base =
                config.downloadBaseUrl().endsWith("/") ? config.downloadBaseUrl() : config.downloadBaseUrl() + "/";
        return base + "exporter/runs/" + runId + "/files/" + fileName;
    }

    private static String address(Recipient recipient) {
        if (recipient.name() == null || recipient.name().isBlank()) {
            return recipient.address();
        }
        return "\"" + recipient.name().replace("\"", "").replace("\\", "") + "\" <" + recipient.address() + ">";
    }

    private static String contentType(String name) {
        return name.endsWith(".csv") ? "text/csv" : "application/json";
    }
}
