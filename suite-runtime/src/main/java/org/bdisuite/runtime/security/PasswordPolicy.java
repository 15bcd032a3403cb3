package org.bdisuite.runtime.security;

import io.quarkus.elytron.security.common.BcryptUtil;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** What a password must be, and how it is stored. */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    /** Bcrypt reads only the first 72 bytes; a longer password would be silently truncated. */
    public static final int MAX_BYTES = 72;
    /** 2^10 rounds: about 50-100 ms per check on a server core, the usual trade-off. */
    private static final int BCRYPT_COST = 10;

    private PasswordPolicy() {}

    /** Why the password is refused, or empty when it is acceptable. */
    public static Optional<String> violation(String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            return Optional.of("must have at least " + MIN_LENGTH + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return Optional.of("must have at most " + MAX_BYTES + " bytes in UTF-8 (bcrypt ignores the rest)");
        }
        return Optional.empty();
    }

    /** The bcrypt hash (Modular Crypt Format) to store for a password that passed {@link #violation}. */
    public static String hash(String password) {
        return BcryptUtil.bcryptHash(password, BCRYPT_COST);
    }
}
