package org.bdisuite.batchadmin.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.regex.Pattern;
import org.bdisuite.batchadmin.api.CredentialChange;
import org.bdisuite.batchadmin.api.CredentialVo;
import org.bdisuite.batchadmin.api.CredentialsVo;
import org.bdisuite.batchadmin.persistence.Credential;
import org.bdisuite.batchadmin.persistence.CredentialRepository;
import org.bdisuite.runtime.error.InvalidRequestException;
import org.bdisuite.runtime.error.ResourceNotFoundException;
import org.bdisuite.runtime.secrets.SecretCipher;
import org.jboss.logging.Logger;

/**
 * Credentials for other systems (a user and password). The password is sealed with {@link SecretCipher} bound to
 * the credential's name before it reaches the database; the API shows only that a password is set, and only code
 * that sends with a credential opens it ({@link #open}). The transporter does not read these: its URL and credential
 * are one record, a destination ({@link Destinations}).
 */
@ApplicationScoped
public class Credentials {

    private static final Logger LOG = Logger.getLogger(Credentials.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,100}");

    private final CredentialRepository repository;
    private final SecretCipher cipher;

    public Credentials(CredentialRepository repository, SecretCipher cipher) {
        this.repository = repository;
        this.cipher = cipher;
    }

    /** A credential in clear, for a job to use at once; never for an API response or a log line. */
    public record Clear(String username, String password) {
        @Override
        public String toString() {
            return "Credential[user " + username + ", password ***]";
        }
    }

    @Transactional
    public CredentialsVo list() {
        return new CredentialsVo(
                repository.listByName().stream().map(Credentials::toVo).toList());
    }

    @Transactional
    public CredentialVo get(String name) {
        return toVo(require(checkName(name)));
    }

    @Transactional
    public CredentialVo put(String name, CredentialChange change) {
        checkName(name);
        String sealed = cipher.sealForStorage(change.password(), context(name), "credentials");
        Credential credential = repository.findByName(name).orElseGet(() -> {
            Credential created = new Credential();
            created.setName(name);
            return created;
        });
        credential.change(change.username().trim(), sealed, change.description());
        repository.persist(credential);
        repository.flush();
        LOG.infof("Credential %s stored for user %s", name, credential.getUsername());
        return toVo(credential);
    }

    @Transactional
    public void delete(String name) {
        repository.delete(require(checkName(name)));
        LOG.infof("Credential %s deleted", name);
    }

    /** The credential in clear for a job that sends with it. */
    @Transactional
    public Clear open(String name) {
        Credential credential = require(checkName(name));
        return new Clear(credential.getUsername(), cipher.open(credential.getSealedPassword(), context(name)));
    }

    private Credential require(String name) {
        return repository
                .findByName(name)
                .orElseThrow(() -> new ResourceNotFoundException("no-credential", "No credential " + name));
    }

    private static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw InvalidRequestException.forField("name", "must be 1 to 100 letters, digits, '_', '.' or '-'");
        }
        return name;
    }

    /** The associated data of a sealed password: a sealed value copied to another credential's row does not open. */
    private static String context(String name) {
        return "credential:" + name;
    }

    private static CredentialVo toVo(Credential credential) {
        return new CredentialVo(
                credential.getName(),
                credential.getUsername(),
                true,
                credential.getDescription(),
                credential.getUpdatedAt());
    }
}
