package org.bdisuite.runtime.secrets;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bdisuite.runtime.error.UnprocessableException;

/**
 * Encrypts secrets at rest with AES-256-GCM. A sealed value is {@code v1:} + base64(nonce || ciphertext || tag).
 * Each value is bound to a context (for example {@code credential:receiver-east}) as associated data, so a
 * ciphertext copied into another row does not decrypt there. The clear text is never logged and never part of an
 * exception message.
 */
@ApplicationScoped
public class SecretCipher {

    private static final String FORMAT = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Optional<SecretKey> key;
    private final SecureRandom random = new SecureRandom();

    public SecretCipher(SecretsConfig config) {
        this.key = config.key().map(SecretCipher::decodeKey);
    }

    /** Whether a key is configured; without one, {@link #seal} and {@link #open} fail. */
    public boolean isConfigured() {
        return key.isPresent();
    }

    /**
     * {@link #seal} for a secret an API stores: without a key, a 422 {@code secrets-key-missing} saying that
     * {@code what} (for example "destinations") cannot be stored.
     */
    public String sealForStorage(String clearText, String context, String what) {
        if (!isConfigured()) {
            throw new UnprocessableException(
                    "secrets-key-missing",
                    "No key for stored secrets is configured (suite.secrets.key); " + what + " cannot be stored");
        }
        return seal(clearText, context);
    }

    public String seal(String clearText, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] sealed = crypt(Cipher.ENCRYPT_MODE, nonce, context, clearText.getBytes(StandardCharsets.UTF_8));
        byte[] out = new byte[NONCE_BYTES + sealed.length];
        System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
        System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
        return FORMAT + Base64.getEncoder().encodeToString(out);
    }

    public String open(String sealedValue, String context) {
        if (sealedValue == null || !sealedValue.startsWith(FORMAT)) {
            throw new IllegalStateException("A stored secret (" + context + ") is not in the sealed format");
        }
        byte[] in = Base64.getDecoder().decode(sealedValue.substring(FORMAT.length()));
        if (in.length <= NONCE_BYTES) {
            throw new IllegalStateException("A stored secret (" + context + ") is truncated");
        }
        byte[] nonce = java.util.Arrays.copyOf(in, NONCE_BYTES);
        byte[] body = java.util.Arrays.copyOfRange(in, NONCE_BYTES, in.length);
        return new String(crypt(Cipher.DECRYPT_MODE, nonce, context, body), StandardCharsets.UTF_8);
    }

    private byte[] crypt(int mode, byte[] nonce, String context, byte[] input) {
        SecretKey secretKey = key.orElseThrow(() -> new IllegalStateException(
                "No key for stored secrets: set suite.secrets.key (env SUITE_SECRETS_KEY) to a base64 256-bit key"));
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, secretKey, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            // The cause says nothing about the clear text; a wrong key or a tampered value ends here.
            throw new IllegalStateException(
                    "A stored secret (" + context + ") cannot be opened with the configured key", e);
        }
    }

    private static SecretKey decodeKey(String base64) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("suite.secrets.key is not base64");
        }
        if (raw.length != 32) {
            throw new IllegalArgumentException(
                    "suite.secrets.key must be 32 bytes (256 bits), base64-encoded; it is " + raw.length + " bytes");
        }
        return new SecretKeySpec(raw, "AES");
    }
}
