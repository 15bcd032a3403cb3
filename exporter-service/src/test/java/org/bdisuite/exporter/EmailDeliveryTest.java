package org.bdisuite.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bdisuite.exporter.ExporterApi.as;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.bdisuite.test.EmbeddedPostgresResource;
import org.bdisuite.test.Sql;
import org.bdisuite.test.TestUsers.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** EMAIL through a real SMTP server: the attachment byte for byte, and download links above the size limit. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(GreenMailResource.class)
class EmailDeliveryTest {

    @Inject
    DataSource dataSource;

    private TestUser user;

    @BeforeEach
    void reset() throws Exception {
        GreenMailResource.greenMail.purgeEmailFromAllMailboxes();
        user = ExporterApi.exporter(dataSource);
    }

    @Test
    void theFileIsAttachedByteForByteToAMailToTheRecipients() throws Exception {
        Map<String, Object> body = ExporterApi.schedule();
        body.put("description", "Registrar appointments");
        body.put("parameters", Map.of("status", "CREATED"));
        body.put(
                "recipients",
                List.of(
                        Map.of("address", "ops@example.org", "name", "Ops Team"),
                        Map.of("address", "audit@example.org", "name", "")));
        String businessKey = create(body);

        JsonPath run = as(user).post("/exporter/schedules/" + businessKey + "/run")
                .then()
                .statusCode(200)
                .body("outcome", equalTo("SUCCEEDED"))
                .extract()
                .jsonPath();
        byte[] file = Files.readAllBytes(Path.of(
                "target/exporter-test/runs", businessKey, run.getString("runId"), run.getString("files[0].name")));

        MimeMessage[] received = GreenMailResource.greenMail.getReceivedMessages();
        assertThat(received).hasSize(2); // one copy per recipient's mailbox
        MimeMessage mail = received[0];
        assertThat(mail.getSubject()).isEqualTo("Registrar appointments");
        assertThat(Arrays.stream(mail.getAllRecipients()).map(Address::toString).toList())
                .containsExactlyInAnyOrder("Ops Team <ops@example.org>", "audit@example.org");
        List<BodyPart> attachments = attachments(mail);
        assertThat(attachments).hasSize(1);
        assertThat(attachments.get(0).getFileName()).isEqualTo(run.getString("files[0].name"));
        assertThat(bytes(attachments.get(0))).isEqualTo(file);
        assertThat(Sql.single(
                        dataSource,
                        "SELECT operation || ':' || detail FROM exporter_delivery WHERE run_id = "
                                + run.getString("runId")))
                .startsWith("EMAIL:attached 1 file(s)");
    }

    @Test
    void eachRunsMailHasAMessageIdNamingTheScheduleAndTheRun() throws Exception {
        String businessKey = create(ExporterApi.schedule());
        List<String> runIds = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            runIds.add(as(user).post("/exporter/schedules/" + businessKey + "/run")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("runId")
                    .toString());
        }

        List<String> messageIds = new ArrayList<>();
        for (MimeMessage mail : GreenMailResource.greenMail.getReceivedMessages()) {
            messageIds.add(mail.getMessageID());
        }
        // The sender is exporter@bdisuite.local (application.properties); one recipient, one mail per run.
        assertThat(messageIds)
                .containsExactlyInAnyOrder(
                        "<export." + businessKey + ".run-" + runIds.get(0) + "@bdisuite.local>",
                        "<export." + businessKey + ".run-" + runIds.get(1) + "@bdisuite.local>");
    }

    @Test
    void aboveTheSizeLimitTheMailCarriesDownloadLinksAndSaysSo() throws Exception {
        Sql.execute(
                dataSource,
                "INSERT INTO exporter_demo_appointment (instancestatus, enddatetime,"
                        + " locationbookableid, name, bookableid, appointment, ticketstatus, type, instancebk, startdatetime,"
                        + " status) SELECT 'Active', now(), 1, 'N' || n, n, 'Big', 'Booked', 'B', 'bk-' || n, now(),"
                        + " 'MAIL_BIG' FROM generate_series(1, 100) n");
        Map<String, Object> body = ExporterApi.schedule();
        body.put("parameters", Map.of("status", "MAIL_BIG"));
        String businessKey = create(body);
        JsonPath run = as(user).post("/exporter/schedules/" + businessKey + "/run")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        String name = run.getString("files[0].name");
        assertThat(run.getLong("files[0].bytes")).isGreaterThan(2000);

        MimeMessage mail = GreenMailResource.greenMail.getReceivedMessages()[0];
        assertThat(attachments(mail)).isEmpty();
        String text = text(mail);
        String link = "http://exporter.test/exporter/runs/" + run.getString("runId") + "/files/" + name;
        assertThat(text).contains("not attached").contains(link);

        byte[] downloaded = as(user).get("/exporter/runs/" + run.getString("runId") + "/files/" + name)
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        assertThat(downloaded)
                .isEqualTo(Files.readAllBytes(
                        Path.of("target/exporter-test/runs", businessKey, run.getString("runId"), name)));
        as(user).get("/exporter/runs/" + run.getString("runId") + "/files/..%2F..%2Fsecret")
                .then()
                .statusCode(404);
    }

    private String create(Map<String, Object> body) {
        return as(user).body(body)
                .post("/exporter/schedules")
                .then()
                .statusCode(201)
                .extract()
                .path("businessKey");
    }

    private static List<BodyPart> attachments(MimeMessage mail) throws Exception {
        List<BodyPart> parts = new ArrayList<>();
        if (mail.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                    parts.add(part);
                }
            }
        }
        return parts;
    }

    private static String text(MimeMessage mail) throws Exception {
        Object content = mail.getContent();
        if (content instanceof String text) {
            return text;
        }
        Multipart multipart = (Multipart) content;
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < multipart.getCount(); i++) {
            Object part = multipart.getBodyPart(i).getContent();
            if (part instanceof String s) {
                text.append(s);
            }
        }
        return text.toString();
    }

    private static byte[] bytes(BodyPart part) throws Exception {
        try (InputStream in = part.getInputStream();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            in.transferTo(out);
            return out.toByteArray();
        }
    }
}
