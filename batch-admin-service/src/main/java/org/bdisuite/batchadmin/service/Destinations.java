package org.bdisuite.batchadmin.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bdisuite.batchadmin.api.DestinationChange;
import org.bdisuite.batchadmin.api.DestinationVo;
import org.bdisuite.batchadmin.api.DestinationsVo;
import org.bdisuite.batchadmin.notify.WebhookTarget;
import org.bdisuite.batchadmin.persistence.Destination;
import org.bdisuite.batchadmin.persistence.DestinationRepository;
import org.bdisuite.runtime.error.InvalidRequestException;
import org.bdisuite.runtime.error.ResourceNotFoundException;
import org.bdisuite.runtime.receiverclient.PinnedTrust;
import org.bdisuite.runtime.receiverclient.ReceiverEndpoint;
import org.bdisuite.runtime.secrets.SecretCipher;
import org.jboss.logging.Logger;

/**
 * Destinations of the downloader-transporter: where a data set goes and with which credential, stored by an
 * administrator as one record. A job names a destination and nothing else, so what a job's starter sends cannot
 * change where a stored password goes. The password is sealed with {@link SecretCipher} bound to the destination's
 * name; the API shows only that it is set, and only the job that sends opens it ({@link #receiverEndpoint}).
 */
@ApplicationScoped
public class Destinations {

    private static final Logger LOG = Logger.getLogger(Destinations.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,100}");
    /** Control characters: PostgreSQL refuses NUL in text, and none belongs in a user name or a description. */
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private final DestinationRepository repository;
    private final SecretCipher cipher;

    public Destinations(DestinationRepository repository, SecretCipher cipher) {
        this.repository = repository;
        this.cipher = cipher;
    }

    @Transactional
    public DestinationsVo list() {
        return new DestinationsVo(
                repository.listByName().stream().map(Destinations::toVo).toList());
    }

    @Transactional
    public DestinationVo get(String name) {
        return toVo(require(checkName(name)));
    }

    @Transactional
    public boolean exists(String name) {
        return NAME.matcher(name).matches() && repository.findByName(name).isPresent();
    }

    @Transactional
    public DestinationVo put(String name, DestinationChange change) {
        checkName(name);
        URI url = checkUrl(change.url());
        checkText("username", change.username());
        checkText("description", change.description());
        String trust = checkTrust(change.trustedCertificates(), url);
        String sealed = cipher.sealForStorage(change.password(), context(name), "destinations");
        Destination destination = repository.findByName(name).orElseGet(() -> {
            Destination created = new Destination();
            created.setName(name);
            return created;
        });
        destination.change(url.toString(), change.username().trim(), sealed, trust, change.description());
        repository.persist(destination);
        repository.flush();
        LOG.infof(
                "Destination %s stored: %s as user %s%s",
                name, url, destination.getUsername(), trust == null ? "" : ", pinned certificates");
        return toVo(destination);
    }

    @Transactional
    public void delete(String name) {
        repository.delete(require(checkName(name)));
        LOG.infof("Destination %s deleted", name);
    }

    /**
     * The destination as a receiver endpoint, its password opened, for a job that sends there at once; never for an
     * API response or a log line.
     *
     * @throws ResourceNotFoundException when no destination has this name
     */
    @Transactional
    public ReceiverEndpoint receiverEndpoint(String name, Duration timeout, int maxAttempts) {
        Destination destination = require(checkName(name));
        Optional<PinnedTrust> trust =
                Optional.ofNullable(destination.getTrustedCertificates()).map(PinnedTrust::fromPem);
        return new ReceiverEndpoint(
                URI.create(destination.getUrl()),
                destination.getUsername(),
                cipher.open(destination.getSealedPassword(), context(name)),
                timeout,
                maxAttempts,
                trust);
    }

    /**
     * The destination as the target of a webhook notification, its password opened, for the one POST that follows;
     * never for an API response or a log line.
     *
     * @throws ResourceNotFoundException when no destination has this name
     */
    @Transactional
    public WebhookTarget webhookTarget(String name) {
        Destination destination = require(checkName(name));
        return new WebhookTarget(
                URI.create(destination.getUrl()),
                destination.getUsername(),
                cipher.open(destination.getSealedPassword(), context(name)),
                Optional.ofNullable(destination.getTrustedCertificates()).map(PinnedTrust::fromPem));
    }

    private Destination require(String name) {
        return repository
                .findByName(name)
                .orElseThrow(() -> new ResourceNotFoundException(
                        "no-destination",
                        "No destination " + name + " (an administrator stores it with PUT /system-setting/destinations/"
                                + name + ")"));
    }

    private static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw InvalidRequestException.forField("name", "must be 1 to 100 letters, digits, '_', '.' or '-'");
        }
        return name;
    }

    /** A receiver's root: http or https, a host, no user info (the credential is the destination's), no query or fragment. */
    static URI checkUrl(String text) {
        URI url;
        try {
            url = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw InvalidRequestException.forField("url", "is not a URL");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw InvalidRequestException.forField("url", "must be an http:// or https:// URL");
        }
        if (url.getRawUserInfo() != null
                || (url.getRawAuthority() != null && url.getRawAuthority().contains("@"))) {
            throw InvalidRequestException.forField(
                    "url", "must not hold a user or password; set username and password");
        }
        if (url.getHost() == null || url.getHost().isEmpty()) {
            throw InvalidRequestException.forField("url", "must name a host");
        }
        if (url.getPort() > 65535) {
            throw InvalidRequestException.forField("url", "has a port above 65535");
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null) {
            throw InvalidRequestException.forField(
                    "url", "must not have a query or a fragment (it is the receiver's root)");
        }
        return url;
    }

    private static void checkText(String field, String value) {
        if (value != null && CONTROL.matcher(value).find()) {
            throw InvalidRequestException.forField(field, "must not contain control characters");
        }
    }

    /** The PEM certificates to pin, or null for the JVM's default trust store. */
    private static String checkTrust(String pem, URI url) {
        if (pem == null || pem.isBlank()) {
            return null;
        }
        if (!"https".equalsIgnoreCase(url.getScheme())) {
            throw InvalidRequestException.forField("trustedCertificates", "apply to an https URL only");
        }
        if (pem.indexOf('\0') >= 0) {
            throw InvalidRequestException.forField("trustedCertificates", "must be PEM text");
        }
        try {
            return PinnedTrust.fromPem(pem.trim() + "\n").pem();
        } catch (IllegalArgumentException e) {
            throw InvalidRequestException.forField("trustedCertificates", e.getMessage());
        }
    }

    /** The associated data of a sealed password: a sealed value copied to another destination's row does not open. */
    private static String context(String name) {
        return "destination:" + name;
    }

    private static DestinationVo toVo(Destination destination) {
        return new DestinationVo(
                destination.getName(),
                destination.getUrl(),
                destination.getUsername(),
                true,
                destination.getTrustedCertificates(),
                destination.getDescription(),
                destination.getUpdatedAt());
    }
}
