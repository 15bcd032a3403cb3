package org.bdisuite.runtime.secrets;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** The key that protects stored secrets (receiver credentials, SFTP passwords and keys). */
@ConfigMapping(prefix = "suite.secrets")
public interface SecretsConfig {

    /**
     * A base64-encoded 256-bit AES key (env SUITE_SECRETS_KEY; make one with {@code openssl rand -base64 32}).
     * Without it the suite runs, but refuses to store or read a secret.
     */
    Optional<String> key();
}
