package org.bdisuite.runtime.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.elytron.security.common.BcryptUtil;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The bcrypt check and its memory of successful checks, without a running application. */
class PasswordVerifierTest {

    private static final String ALICE = BcryptUtil.bcryptHash("alice-password", 4);
    private static final String BOB = BcryptUtil.bcryptHash("bob-password", 4);
    private static final String CAROL = BcryptUtil.bcryptHash("carol-password", 4);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private PasswordVerifier verifierRemembering(int entries) {
        return new PasswordVerifier(
                new SecurityConfig() {
                    @Override
                    public Bootstrap bootstrap() {
                        throw new UnsupportedOperationException();
                    }

                    @Override
                    public Security security() {
                        return new Security() {
                            @Override
                            public int verifiedPasswordCacheSize() {
                                return entries;
                            }

                            @Override
                            public Optional<List<String>> allowedOrigins() {
                                return Optional.empty();
                            }

                            @Override
                            public LoginThrottle loginThrottle() {
                                throw new UnsupportedOperationException();
                            }
                        };
                    }
                },
                registry);
    }

    private double bcryptChecks() {
        return registry.get("suite.security.password.checks").counter().count();
    }

    @Test
    void acceptsOnlyThePasswordTheHashWasMadeFrom() {
        PasswordVerifier verifier = verifierRemembering(10);
        assertThat(verifier.matches("alice-password", ALICE)).isTrue();
        assertThat(verifier.matches("alice-password", ALICE)).isTrue();
        assertThat(verifier.matches("alice-passwore", ALICE)).isFalse();
        assertThat(verifier.matches("alice-password", BOB)).isFalse();
        assertThat(verifier.matches("alice-password", "not a bcrypt hash")).isFalse();
    }

    @Test
    void remembersOnlySuccessfulChecks() {
        PasswordVerifier verifier = verifierRemembering(10);
        verifier.matches("alice-password", ALICE);
        verifier.matches("wrong-password", BOB);
        assertThat(verifier.remembers("alice-password", ALICE)).isTrue();
        assertThat(verifier.remembers("wrong-password", BOB)).isFalse();
        assertThat(verifier.remembers("alice-password", BOB)).isFalse();
    }

    @Test
    void forgetsTheLeastRecentlyUsedCheckWhenFull() {
        PasswordVerifier verifier = verifierRemembering(2);
        verifier.matches("alice-password", ALICE);
        verifier.matches("bob-password", BOB);
        verifier.matches("alice-password", ALICE);
        verifier.matches("carol-password", CAROL);

        assertThat(verifier.remembers("alice-password", ALICE)).isTrue();
        assertThat(verifier.remembers("carol-password", CAROL)).isTrue();
        assertThat(verifier.remembers("bob-password", BOB)).isFalse();
    }

    @Test
    void aCapacityOfZeroRemembersNothing() {
        PasswordVerifier verifier = verifierRemembering(0);
        assertThat(verifier.matches("alice-password", ALICE)).isTrue();
        assertThat(verifier.remembers("alice-password", ALICE)).isFalse();
    }

    @Test
    void countsEveryBcryptCheckButNotARememberedOne() {
        PasswordVerifier verifier = verifierRemembering(10);
        double before = bcryptChecks();
        verifier.matches("alice-password", ALICE);
        verifier.matches("alice-password", ALICE);
        verifier.matches("wrong-password", ALICE);
        assertThat(bcryptChecks() - before).isEqualTo(2);
    }

    @Test
    void aLoginWithoutAUserCostsOneBcryptCheckOfTheStoredCostAndNeverMatches() {
        PasswordVerifier verifier = verifierRemembering(10);
        double before = bcryptChecks();
        assertThat(verifier.checkWithoutUser("any-password")).isFalse();
        assertThat(verifier.checkWithoutUser("any-password")).isFalse();
        assertThat(bcryptChecks() - before).isEqualTo(2);
        assertThat(verifier.dummyHash()).startsWith("$2").contains("$10$");
    }
}
