package org.bdisuite.exporter.delivery;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.bdisuite.exporter.api.ExportOperation;
import org.bdisuite.exporter.api.Recipient;
import org.bdisuite.exporter.api.ScheduleConfiguration;
import org.bdisuite.exporter.config.ExporterConfig;
import org.bdisuite.exporter.generator.GeneratedFile;

/**
 * EMAIL: the files attached to one mail to the schedule's recipients. Above the size limit the mail carries
 * download links instead, and says so. Header values were checked for CR / LF when the schedule was saved.
 */
@ApplicationScoped
public class EmailDelivery implements Delivery {

    private final Mailer mailer;
    private final ExporterConfig config;

    public EmailDelivery(Mailer mailer, ExporterConfig config) {
        this.mailer = mailer;
        this.config = config;
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
        Mail mail = new Mail().setSubject(schedule.description());
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
