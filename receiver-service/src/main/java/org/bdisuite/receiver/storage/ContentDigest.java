package org.bdisuite.receiver.storage;

import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import org.bdisuite.runtime.error.InvalidRequestException;

/**
 * The SHA-256 a sender declares for a request body, from {@code Content-Digest: sha-256=:<base64>:} (RFC 9530)
 * or the older {@code Digest: sha-256=<base64>} (RFC 3230). Other algorithms in the headers are ignored; a
 * sha-256 entry that cannot be read is a 400, never silently skipped.
 */
public final class ContentDigest {

    private static final int SHA256_BYTES = 32;

    private ContentDigest() {}

    /** The declared SHA-256 as lower-case hex, or empty when neither header names sha-256. */
    public static Optional<String> sha256Hex(String contentDigestHeader, String digestHeader) {
        Optional<String> fromContentDigest = find(contentDigestHeader, true, "Content-Digest");
        return fromContentDigest.isPresent() ? fromContentDigest : find(digestHeader, false, "Digest");
    }

    private static Optional<String> find(String header, boolean structured, String headerName) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        for (String entry : header.split(",")) {
            int equals = entry.indexOf('=');
            if (equals < 0
                    || !entry.substring(0, equals)
                            .trim()
                            .toLowerCase(Locale.ROOT)
                            .equals("sha-256")) {
                continue;
            }
            String value = entry.substring(equals + 1).trim();
            if (structured) {
                if (value.length() < 2 || !value.startsWith(":") || !value.endsWith(":")) {
                    throw InvalidRequestException.forField(headerName, "sha-256 must be written as :<base64>:");
                }
                value = value.substring(1, value.length() - 1);
            }
            return Optional.of(decode(value, headerName));
        }
        return Optional.empty();
    }

    private static String decode(String base64, String headerName) {
        try {
            byte[] digest = Base64.getDecoder().decode(base64);
            if (digest.length != SHA256_BYTES) {
                throw InvalidRequestException.forField(
                        headerName, "a sha-256 digest has 32 bytes, not " + digest.length);
            }
            return HexFormat.of().formatHex(digest);
        } catch (IllegalArgumentException notBase64) {
            throw InvalidRequestException.forField(headerName, "sha-256 is not valid base64");
        }
    }
}
