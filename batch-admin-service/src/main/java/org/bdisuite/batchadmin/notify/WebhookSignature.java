package org.bdisuite.batchadmin.notify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhook's signature header: {@code X-BDI-Signature-256: sha256=<hex of HMAC-SHA256(secret, body)>}, over the
 * exact bytes of the body. A receiver recomputes it with the rule's secret and compares in constant time.
 */
public final class WebhookSignature {

    public static final String HEADER = "X-BDI-Signature-256";
    private static final String PREFIX = "sha256=";

    private WebhookSignature() {}

    public static String of(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
