package org.bdisuite.runtime.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.elytron.security.common.BcryptUtil;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The bcrypt check and its memory of successful checks, without a running application. */
class PasswordVerifierTest {

    private static final String ALICE = BcryptUtil.bcryptHash("alice-password", 4);
    private static final String BOB = BcryptUtil.bcryptHash("bob-password", 4);
    private static final String CAROL = BcryptUtil.bcryptHash("carol-password", 4);

    private static PasswordVerifier verifierRemembering(int entries) {
        return new PasswordVerifier(new SecurityConfig() {
            @Override
            public Bootstrap bootstrap() {
                return new Bootstrap() {
                    @Override
                    public String adminUser() {
                        return "admin";
                    }

                    @Override
                    public Optional<String> adminPassword() {
                        return Optional.empty();
                    }
                };
            }

            @Override
            public Security security() {
                return () -> entries;
            }
        });
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
}
