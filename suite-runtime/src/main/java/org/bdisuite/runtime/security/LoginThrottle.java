package org.bdisuite.runtime.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bdisuite.runtime.error.TooManyRequestsException;

/**
 * Counts failed logins per user name and per client address, and refuses further logins of a name or from an
 * address that failed too often within the window (429 with Retry-After), before any password check: a guesser
 * can neither keep trying nor keep the CPU busy with bcrypt.
 * <p>
 * The counts live in this process's memory, bounded by {@code tracked-keys} per kind: each replica throttles on
 * its own, so N replicas allow up to N times the configured failures. A successful login clears its user name's
 * count (a user who mistyped a few times starts afresh) but not its address's, so that a guesser who owns one
 * account cannot wipe the address count by logging in with it between guesses. Unknown user names are counted
 * like known ones, so a refusal says nothing about which names exist.
 */
@ApplicationScoped
public class LoginThrottle {

    /** Longer names cannot exist (suite_user.username is at most 128 characters), so they share one count. */
    private static final int MAX_KEY_LENGTH = 129;

    private final FailureCounts byUser;
    private final FailureCounts byAddress;
    private final Clock clock;
    private final Counter failures;
    private final Counter throttledByUser;
    private final Counter throttledByAddress;

    @Inject
    public LoginThrottle(SecurityConfig config, MeterRegistry registry) {
        this(config.security().loginThrottle(), registry, Clock.systemUTC());
    }

    LoginThrottle(SecurityConfig.LoginThrottle config, MeterRegistry registry, Clock clock) {
        this.byUser = new FailureCounts(config.maxFailuresPerUser(), config.window(), config.trackedKeys());
        this.byAddress = new FailureCounts(config.maxFailuresPerAddress(), config.window(), config.trackedKeys());
        this.clock = clock;
        this.failures = Counter.builder("suite.security.login.failures")
                .description("Failed logins (wrong password, unknown or disabled user)")
                .register(registry);
        this.throttledByUser = throttled(registry, "user");
        this.throttledByAddress = throttled(registry, "address");
    }

    private static Counter throttled(MeterRegistry registry, String limit) {
        return Counter.builder("suite.security.login.throttled")
                .tag("limit", limit)
                .description("Logins refused with 429 because of too many failures, by the limit that was reached")
                .register(registry);
    }

    /** Throws the 429 when the user name or the address has failed too often in the current window. */
    public void checkAllowed(String username, String address) {
        Instant now = clock.instant();
        long userWait = byUser.secondsBlocked(key(username), now);
        long addressWait = byAddress.secondsBlocked(key(address), now);
        if (userWait == 0 && addressWait == 0) {
            return;
        }
        (userWait > 0 ? throttledByUser : throttledByAddress).increment();
        long wait = Math.max(userWait, addressWait);
        throw new TooManyRequestsException(
                "too-many-login-failures",
                "Too many failed logins for this user name or" + " from this address: try again in " + wait
                        + " seconds",
                wait);
    }

    public void recordFailure(String username, String address) {
        Instant now = clock.instant();
        failures.increment();
        byUser.fail(key(username), now);
        byAddress.fail(key(address), now);
    }

    public void recordSuccess(String username) {
        byUser.clear(key(username));
    }

    private static String key(String value) {
        String key = value == null ? "" : value;
        return key.length() > MAX_KEY_LENGTH ? key.substring(0, MAX_KEY_LENGTH) : key;
    }

    /** Failures per key in fixed windows that start with a key's first failure; least recently used keys drop out. */
    static final class FailureCounts {

        private record Window(Instant start, int failures) {}

        private final int limit;
        private final Duration length;
        private final Map<String, Window> windows;

        FailureCounts(int limit, Duration length, int capacity) {
            this.limit = limit;
            this.length = length;
            this.windows = new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
                    return size() > capacity;
                }
            };
        }

        /** Seconds until the key's window ends if it reached the limit in it; 0 when it may try. */
        synchronized long secondsBlocked(String key, Instant now) {
            Window window = limit <= 0 ? null : windows.get(key);
            if (window == null) {
                return 0;
            }
            Instant end = window.start().plus(length);
            if (!now.isBefore(end)) {
                windows.remove(key);
                return 0;
            }
            if (window.failures() < limit) {
                return 0;
            }
            Duration left = Duration.between(now, end);
            return left.toSeconds() + (left.toNanosPart() > 0 ? 1 : 0);
        }

        synchronized void fail(String key, Instant now) {
            if (limit <= 0) {
                return;
            }
            Window window = windows.get(key);
            windows.put(
                    key,
                    window == null || !now.isBefore(window.start().plus(length))
                            ? new Window(now, 1)
                            : new Window(window.start(), window.failures() + 1));
        }

        synchronized void clear(String key) {
            windows.remove(key);
        }

        synchronized int size() {
            return windows.size();
        }
    }
}
