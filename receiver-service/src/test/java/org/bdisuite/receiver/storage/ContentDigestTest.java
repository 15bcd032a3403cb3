package org.bdisuite.receiver.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import org.bdisuite.runtime.error.InvalidRequestException;
import org.junit.jupiter.api.Test;

class ContentDigestTest {

    private static final byte[] DIGEST = sha256("1,red,COLOR\n");
    private static final String BASE64 = Base64.getEncoder().encodeToString(DIGEST);
    private static final String HEX = HexFormat.of().formatHex(DIGEST);

    @Test
    void readsContentDigestAndTheOlderDigestHeader() {
        assertThat(ContentDigest.sha256Hex("sha-256=:" + BASE64 + ":", null)).contains(HEX);
        assertThat(ContentDigest.sha256Hex(null, "SHA-256=" + BASE64)).contains(HEX);
        assertThat(ContentDigest.sha256Hex("sha-512=:AAAA:, sha-256=:" + BASE64 + ":", null))
                .contains(HEX);
        assertThat(ContentDigest.sha256Hex(
                        "sha-256=:" + BASE64 + ":",
                        "sha-256=" + Base64.getEncoder().encodeToString(new byte[32])))
                .as("Content-Digest wins")
                .contains(HEX);
    }

    @Test
    void withoutASha256EntryThereIsNothingToCheck() {
        assertThat(ContentDigest.sha256Hex(null, null)).isEmpty();
        assertThat(ContentDigest.sha256Hex("", " ")).isEmpty();
        assertThat(ContentDigest.sha256Hex("md5=:AAAA:", "unixsum=30637")).isEmpty();
    }

    @Test
    void anUnreadableSha256IsABadRequest() {
        assertThatThrownBy(() -> ContentDigest.sha256Hex("sha-256=" + BASE64, null))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining(":<base64>:");
        assertThatThrownBy(() -> ContentDigest.sha256Hex(null, "sha-256=not base64!"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("base64");
        assertThatThrownBy(() -> ContentDigest.sha256Hex(
                        null, "sha-256=" + Base64.getEncoder().encodeToString(new byte[20])))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("32 bytes");
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
