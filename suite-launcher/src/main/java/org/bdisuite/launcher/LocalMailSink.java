package org.bdisuite.launcher;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An SMTP server that accepts every mail and keeps each as an .eml file, so that a user can open what the
 * suite sent (export deliveries, notifications) without a real mail server.
 */
final class LocalMailSink implements AutoCloseable {

    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

    private final GreenMail greenMail;
    private final Path mailDirectory;
    private final AtomicLong sequence = new AtomicLong();
    /** GreenMail delivers once per recipient; the file is written once per message. */
    private final Map<MovingMessage, Boolean> saved = Collections.synchronizedMap(new WeakHashMap<>());

    LocalMailSink(String host, int port, Path mailDirectory) {
        this.mailDirectory = mailDirectory;
        this.greenMail = new GreenMail(new ServerSetup(port, host, ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
    }

    LocalMailSink start() throws IOException {
        Files.createDirectories(mailDirectory);
        greenMail.start();
        MessageDeliveryHandler store = greenMail.getUserManager().getMessageDeliveryHandler();
        greenMail.getUserManager().setMessageDeliveryHandler((message, recipient) -> {
            if (saved.putIfAbsent(message, Boolean.TRUE) == null) {
                save(message);
            }
            return store.handle(message, recipient);
        });
        return this;
    }

    Path mailDirectory() {
        return mailDirectory;
    }

    private void save(MovingMessage message) throws MessagingException {
        String name = LocalDateTime.now().format(FILE_TIME) + "-" + sequence.incrementAndGet()
                + slug(message.getMessage().getSubject()) + ".eml";
        Path target = mailDirectory.resolve(name);
        Path temporary = mailDirectory.resolve("." + name + ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temporary)) {
                message.getMessage().writeTo(out);
            }
            // Readers never see half a mail.
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not keep a received mail as " + target, e);
        }
    }

    private static String slug(String subject) {
        if (subject == null) {
            return "";
        }
        String slug = subject.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        slug = slug.length() > 40 ? slug.substring(0, 40) : slug;
        return slug.isEmpty() ? "" : "-" + slug;
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
