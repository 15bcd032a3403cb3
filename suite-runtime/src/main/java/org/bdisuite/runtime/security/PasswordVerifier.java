package org.bdisuite.runtime.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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
 * <p>
 * A login of an unknown or disabled user costs the same bcrypt check ({@link #checkWithoutUser}), so that the
 * response time does not tell which user names exist. Every bcrypt check run (not a remembered one) counts in
 * the metric {@code suite.security.password.checks}.
 */
@ApplicationScoped
public class PasswordVerifier {

    private final byte[] hmacKey = new byte[32];
    private final Map<String, Boolean> verified;
    private final int capacity;
    /** The hash of a random password nobody knows, of the cost every stored hash has. */
    private final String dummyHash;

    private final Counter checks;
    /**
     * One keyed HMAC per thread: looking up the algorithm's provider and keying a new one on every request cost more
     * than the HMAC itself (every API request passes here).
     */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::keyedMac);

    public PasswordVerifier(SecurityConfig config, MeterRegistry registry) {
        SecureRandom random = new SecureRandom();
        random.nextBytes(hmacKey);
        byte[] unknowable = new byte[24];
        random.nextBytes(unknowable);
        this.dummyHash = PasswordPolicy.hash(Base64.getEncoder().encodeToString(unknowable));
        this.checks = Counter.builder("suite.security.password.checks")
                .description("Bcrypt password checks run (remembered successful checks are not counted)")
                .register(registry);
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

    /**
     * Runs the bcrypt check a login without a usable user (unknown, disabled) would have cost, against a hash of the
     * same cost; always false.
     */
    public boolean checkWithoutUser(String password) {
        checkHash(password, dummyHash);
        return false;
    }

    String dummyHash() {
        return dummyHash;
    }

    /** Whether a successful check of this pair is remembered, without counting as a use. */
    boolean remembers(String password, String bcryptHash) {
        return verified.containsKey(cacheKey(password, bcryptHash));
    }

    private boolean checkHash(String password, String bcryptHash) {
        checks.increment();
        try {
            return BcryptUtil.matches(password, bcryptHash);
        } catch (RuntimeException malformedHash) {
            return false;
        }
    }

    private String cacheKey(String password, String bcryptHash) {
        // doFinal leaves the Mac reset for the next key, with the same secret.
        Mac mac = macs.get();
        mac.update(bcryptHash.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        return Base64.getEncoder().encodeToString(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
    }

    private Mac keyedMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(hmacKey, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
