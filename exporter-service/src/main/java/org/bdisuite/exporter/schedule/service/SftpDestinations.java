package org.bdisuite.exporter.schedule.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.regex.Pattern;
import org.bdisuite.exporter.api.SftpDetailsRequest;
import org.bdisuite.exporter.api.SftpDetailsVo;
import org.bdisuite.exporter.common.ExporterClock;
import org.bdisuite.exporter.common.ExporterRule;
import org.bdisuite.exporter.delivery.SftpCredentials;
import org.bdisuite.exporter.delivery.persistence.SftpDetails;
import org.bdisuite.exporter.delivery.persistence.SftpDetailsRepository;
import org.bdisuite.runtime.error.InvalidRequestException;
import org.bdisuite.runtime.secrets.SecretCipher;

/** Stored SFTP destinations: secrets sealed with the suite key (context: the details key), never returned. */
@ApplicationScoped
public class SftpDestinations {

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:\\[\\]-]{1,255}");
    private static final Pattern FINGERPRINT = Pattern.compile("SHA256:[A-Za-z0-9+/]{43}=?");

    private final SftpDetailsRepository repository;
    private final SecretCipher cipher;
    private final ExporterClock clock;

    public SftpDestinations(SftpDetailsRepository repository, SecretCipher cipher, ExporterClock clock) {
        this.repository = repository;
        this.cipher = cipher;
        this.clock = clock;
    }

    public SftpDetailsVo register(SftpDetailsRequest request, String user) {
        if (request == null
                || request.key() == null
                || !KEY.matcher(request.key()).matches()) {
            throw InvalidRequestException.forField("key", "1 to 128 characters: letters, digits, '_', '.', '-'");
        }
        if (request.host() == null || !HOST.matcher(request.host()).matches()) {
            throw InvalidRequestException.forField("host", "a host name or IP address");
        }
        int port = request.port() == null ? 22 : request.port();
        if (port < 1 || port > 65535) {
            throw InvalidRequestException.forField("port", "must be between 1 and 65535");
        }
        if (blank(request.username()) || hasLineBreak(request.username())) {
            throw InvalidRequestException.forField("username", "is required (one line)");
        }
        if (blank(request.password()) == blank(request.privateKey())) {
            throw InvalidRequestException.forField("password", "give either a password or a privateKey");
        }
        if (request.hostKeyFingerprint() == null
                || !FINGERPRINT.matcher(request.hostKeyFingerprint()).matches()) {
            throw InvalidRequestException.forField(
                    "hostKeyFingerprint",
                    "the server's SHA256 host key fingerprint,"
                            + " as ssh-keygen -lf prints it: SHA256:<43 base64 characters>");
        }
        if (blank(request.remoteDirectory()) || hasLineBreak(request.remoteDirectory())) {
            throw InvalidRequestException.forField("remoteDirectory", "is required (one line)");
        }
        if (!cipher.isConfigured()) {
            throw ExporterRule.SECRETS_KEY_MISSING.refusal(
                    "suite.secrets.key is not configured: secrets" + " cannot be stored");
        }
        String password = blank(request.password())
                ? null
                : cipher.seal(request.password(), SftpCredentials.context(request.key(), "password"));
        String privateKey = blank(request.privateKey())
                ? null
                : cipher.seal(request.privateKey(), SftpCredentials.context(request.key(), "private-key"));
        SftpDetails details = new SftpDetails(
                request.key(),
                request.host(),
                port,
                request.username(),
                password,
                privateKey,
                request.hostKeyFingerprint(),
                request.remoteDirectory(),
                user,
                clock.now());
        try {
            QuarkusTransaction.requiringNew().run(() -> repository.persist(details));
        } catch (PersistenceException duplicate) {
            throw ExporterRule.SFTP_DETAILS_EXIST.refusal("SFTP details " + request.key() + " exist");
        }
        return view(details);
    }

    @Transactional
    public List<SftpDetailsVo> list() {
        return repository.allByKey().stream().map(SftpDestinations::view).toList();
    }

    private static SftpDetailsVo view(SftpDetails details) {
        return new SftpDetailsVo(
                details.getDetailsKey(),
                details.getHost(),
                details.getPort(),
                details.getUsername(),
                details.getPasswordSealed() != null ? "PASSWORD" : "PRIVATE_KEY",
                details.getHostKeyFingerprint(),
                details.getRemoteDir(),
                details.getCreatedBy(),
                details.getCreatedAt());
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static boolean hasLineBreak(String value) {
        return value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0;
    }
}
