package org.bdisuite.runtime.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.bdisuite.runtime.error.TooManyRequestsException;
import org.junit.jupiter.api.Test;

/** The failure counts of the login throttle, on a clock the test moves. */
class LoginThrottleTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private Clock clock = Clock.fixed(START, ZoneOffset.UTC);

    private LoginThrottle throttle(int perUser, int perAddress, int trackedKeys) {
        SecurityConfig.LoginThrottle config = new SecurityConfig.LoginThrottle() {
            @Override
            public int maxFailuresPerUser() {
                return perUser;
            }

            @Override
            public int maxFailuresPerAddress() {
                return perAddress;
            }

            @Override
            public Duration window() {
                return Duration.ofMinutes(5);
            }

            @Override
            public int trackedKeys() {
                return trackedKeys;
            }
        };
        return new LoginThrottle(config, registry, new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return clock.instant();
            }
        });
    }

    private void at(Duration sinceStart) {
        clock = Clock.fixed(START.plus(sinceStart), ZoneOffset.UTC);
    }

    @Test
    void theUserIsRefusedAfterItsLimitUntilTheWindowEnds() {
        LoginThrottle throttle = throttle(3, 100, 100);
        for (int i = 0; i < 3; i++) {
            throttle.checkAllowed("alice", "10.0.0." + i);
            throttle.recordFailure("alice", "10.0.0." + i);
        }
        at(Duration.ofSeconds(60));
        assertThatThrownBy(() -> throttle.checkAllowed("alice", "10.0.0.9"))
                .isInstanceOfSatisfying(TooManyRequestsException.class, e -> {
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.retryAfterSeconds()).isEqualTo(240);
                    assertThat(e.headers()).containsEntry("Retry-After", "240");
                });
        throttle.checkAllowed("bob", "10.0.0.0");

        at(Duration.ofMinutes(5));
        throttle.checkAllowed("alice", "10.0.0.9");
        assertThat(registry.get("suite.security.login.failures").counter().count())
                .isEqualTo(3);
        assertThat(registry.get("suite.security.login.throttled")
                        .tag("limit", "user")
                        .counter()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void theAddressIsRefusedAfterItsLimitWhateverTheUserName() {
        LoginThrottle throttle = throttle(100, 2, 100);
        throttle.recordFailure("alice", "10.0.0.1");
        throttle.recordFailure("bob", "10.0.0.1");
        assertThatThrownBy(() -> throttle.checkAllowed("carol", "10.0.0.1"))
                .isInstanceOf(TooManyRequestsException.class);
        throttle.checkAllowed("carol", "10.0.0.2");
        assertThat(registry.get("suite.security.login.throttled")
                        .tag("limit", "address")
                        .counter()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void aSuccessClearsTheUserCountButNotTheAddressCount() {
        LoginThrottle throttle = throttle(2, 3, 100);
        throttle.recordFailure("alice", "10.0.0.1");
        throttle.recordFailure("alice", "10.0.0.1");
        throttle.recordSuccess("alice");
        throttle.checkAllowed("alice", "10.0.0.2");
        throttle.recordFailure("mallory", "10.0.0.1");
        assertThatThrownBy(() -> throttle.checkAllowed("alice", "10.0.0.1"))
                .isInstanceOf(TooManyRequestsException.class);
    }

    @Test
    void memoryIsBoundedByTheTrackedKeys() {
        LoginThrottle throttle = throttle(1, 0, 100);
        for (int i = 0; i < 10_000; i++) {
            throttle.recordFailure("made-up-" + i, "10.0.0.1");
        }
        LoginThrottle.FailureCounts counts = new LoginThrottle.FailureCounts(1, Duration.ofMinutes(5), 100);
        for (int i = 0; i < 10_000; i++) {
            counts.fail("made-up-" + i, START);
        }
        assertThat(counts.size()).isEqualTo(100);
        assertThat(counts.secondsBlocked("made-up-9999", START)).isPositive();
        assertThat(counts.secondsBlocked("made-up-0", START)).isZero();
        // A limit of 0 turns the address limit off.
        throttle.checkAllowed("someone-else", "10.0.0.1");
    }
}
