package org.bdisuite.runtime.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecretCipherTest {

    private static SecretCipher withKey(byte fill) {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, fill);
        String encoded = Base64.getEncoder().encodeToString(key);
        return new SecretCipher(() -> Optional.of(encoded));
    }

    @Test
    void sealedValueOpensToTheClearTextAndDoesNotContainIt() {
        SecretCipher cipher = withKey((byte) 7);
        String sealed = cipher.seal("s3cret-password", "credential:east");
        assertThat(sealed).startsWith("v1:").doesNotContain("s3cret");
        assertThat(cipher.open(sealed, "credential:east")).isEqualTo("s3cret-password");
    }

    @Test
    void sameClearTextSealsDifferentlyEachTime() {
        SecretCipher cipher = withKey((byte) 7);
        assertThat(cipher.seal("x", "c")).isNotEqualTo(cipher.seal("x", "c"));
    }

    @Test
    void valueCopiedToAnotherContextDoesNotOpen() {
        SecretCipher cipher = withKey((byte) 7);
        String sealed = cipher.seal("pw", "credential:east");
        assertThatThrownBy(() -> cipher.open(sealed, "credential:west"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining("pw");
    }

    @Test
    void otherKeyDoesNotOpen() {
        String sealed = withKey((byte) 7).seal("pw", "c");
        assertThatThrownBy(() -> withKey((byte) 8).open(sealed, "c")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void withoutKeyNothingIsSealed() {
        SecretCipher cipher = new SecretCipher(Optional::empty);
        assertThat(cipher.isConfigured()).isFalse();
        assertThatThrownBy(() -> cipher.seal("pw", "c")).hasMessageContaining("suite.secrets.key");
    }

    @Test
    void keyOfWrongLengthIsRefusedAtStart() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> new SecretCipher(() -> Optional.of(shortKey))).hasMessageContaining("32 bytes");
    }
}
