package org.bdisuite.runtime.security;

import io.quarkus.elytron.security.common.BcryptUtil;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a password against a stored bcrypt hash. Bcrypt is deliberately slow (tens of milliseconds), and a
 * sender uploading thousands of blocks authenticates on every request, so successful checks are remembered.
 * The key of a remembered check is an HMAC, under a random per-process key, of the stored hash and the
 * password: a new password or a changed hash misses the cache, the caller still reads the user row on every
 * request (so disabling a user or changing roles takes effect at once), and no password is kept in memory.
 */
@ApplicationScoped
public class PasswordVerifier {

    private final byte[] hmacKey = new byte[32];
    private final Map<String, Boolean> verified;
    private final int capacity;

    public PasswordVerifier(SecurityConfig config) {
        new SecureRandom().nextBytes(hmacKey);
        this.capacity = config.security().verifiedPasswordCacheSize();
        this.verified = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        });
    }

    /** True when {@code password} is the one {@code bcryptHash} was made from. */
    public boolean matches(String password, String bcryptHash) {
        if (capacity <= 0) {
            return checkHash(password, bcryptHash);
        }
        String key = cacheKey(password, bcryptHash);
        // get, not containsKey: only get counts as a use in an access-ordered map, so the eldest entry
        // evicted is the least recently used one.
        if (verified.get(key) != null) {
            return true;
        }
        boolean matches = checkHash(password, bcryptHash);
        if (matches) {
            verified.put(key, Boolean.TRUE);
        }
        return matches;
    }

    /** Whether a successful check of this pair is remembered, without counting as a use. */
    boolean remembers(String password, String bcryptHash) {
        return verified.containsKey(cacheKey(password, bcryptHash));
    }

    private static boolean checkHash(String password, String bcryptHash) {
        try {
            return BcryptUtil.matches(password, bcryptHash);
        } catch (RuntimeException malformedHash) {
            return false;
        }
    }

    private String cacheKey(String password, String bcryptHash) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(hmacKey, "HmacSHA256"));
            mac.update(bcryptHash.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return Base64.getEncoder().encodeToString(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
