package org.bdisuite.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalMailSinkTest {

    @TempDir
    Path mailDir;

    @Test
    void aSentMailIsKeptOnceAsAnEmlFile() throws Exception {
        int port = FreePort.find();
        try (LocalMailSink sink = new LocalMailSink("127.0.0.1", port, mailDir).start()) {
            Properties smtp = new Properties();
            smtp.put("mail.smtp.host", "127.0.0.1");
            smtp.put("mail.smtp.port", String.valueOf(port));
            MimeMessage mail = new MimeMessage(Session.getInstance(smtp));
            mail.setFrom(new InternetAddress("exporter@bdisuite.local"));
            // Two recipients: GreenMail delivers twice, the sink must still keep one file.
            mail.setRecipients(Message.RecipientType.TO, "ops@example.com, audit@example.com");
            mail.setSubject("Export Diff_Fnd ready");
            mail.setText("5,000 rows exported.", "UTF-8");
            Transport.send(mail);

            List<Path> files = awaitEmlFiles(1);
            assertThat(files).hasSize(1);
            assertThat(files.get(0).getFileName().toString()).endsWith("-Export-Diff-Fnd-ready.eml");
            String eml = Files.readString(files.get(0), StandardCharsets.UTF_8);
            assertThat(eml).contains("Subject: Export Diff_Fnd ready", "ops@example.com", "5,000 rows exported.");
        }
    }

    private List<Path> awaitEmlFiles(int expected) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        List<Path> files = emlFiles();
        while (files.size() < expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
            files = emlFiles();
        }
        // A moment more, so that a second, duplicate file would show up.
        Thread.sleep(200);
        return emlFiles();
    }

    private List<Path> emlFiles() throws IOException {
        try (Stream<Path> files = Files.list(mailDir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".eml"))
                    .sorted()
                    .toList();
        }
    }
}
