package org.bdisuite.exporter.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.bdisuite.exporter.delivery.persistence.SftpDetails;
import org.bdisuite.exporter.delivery.persistence.SftpDetailsRepository;
import org.bdisuite.runtime.error.ResourceNotFoundException;
import org.bdisuite.runtime.secrets.SecretCipher;

/**
 * A stored SFTP destination opened for a delivery: its details and its secret, unsealed with the suite key (the
 * sealing context names the details key and the secret, so a sealed value cannot be moved to another row).
 */
@ApplicationScoped
public class SftpCredentials {

    /** What a delivery needs: the details and the opened secret (a password or a private key). */
    public record Destination(SftpDetails details, String password, String privateKey) {}

    private final SftpDetailsRepository repository;
    private final SecretCipher cipher;

    public SftpCredentials(SftpDetailsRepository repository, SecretCipher cipher) {
        this.repository = repository;
        this.cipher = cipher;
    }

    @Transactional
    public Destination open(String key) {
        SftpDetails details =
                repository.findByKey(key).orElseThrow(() -> new ResourceNotFoundException("No SFTP details " + key));
        String password = details.getPasswordSealed() == null
                ? null
                : cipher.open(details.getPasswordSealed(), context(key, "password"));
        String privateKey = details.getPrivateKeySealed() == null
                ? null
                : cipher.open(details.getPrivateKeySealed(), context(key, "private-key"));
        return new Destination(details, password, privateKey);
    }

    /** The sealing context of a destination's secret ({@code what}: password or private-key). */
    public static String context(String key, String what) {
        return "exporter.sftp-details." + key + "." + what;
    }
}
