package org.bdisuite.runtime.receiverclient;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Where a receiver-service answers and who we are to it.
 *
 * @param baseUri     the service root, for example {@code http://receiver:8081/}
 * @param user        a user with role bdi-operator (or bdi-admin) on that receiver
 * @param password    that user's password; never logged ({@link #toString()} leaves it out)
 * @param timeout     how long one request may take, body included
 * @param maxAttempts how often a call is tried when the connection fails or the receiver is unavailable (502, 503,
 *                    504); every call of the protocol is idempotent on the receiver, so a retry is safe
 * @param trust       the certificates trusted for this receiver instead of the JVM's default trust store (https
 *                    only); empty: the default trust store
 */
public record ReceiverEndpoint(
        URI baseUri, String user, String password, Duration timeout, int maxAttempts, Optional<PinnedTrust> trust) {

    public ReceiverEndpoint {
        if (!baseUri.isAbsolute()) {
            throw new IllegalArgumentException("The receiver's address must be absolute: " + baseUri);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (trust.isPresent() && !"https".equalsIgnoreCase(baseUri.getScheme())) {
            throw new IllegalArgumentException("Pinned certificates apply to an https address only: " + baseUri);
        }
        String root = baseUri.toString();
        baseUri = root.endsWith("/") ? baseUri : URI.create(root + "/");
    }

    /** With the JVM's default trust store. */
    public ReceiverEndpoint(URI baseUri, String user, String password, Duration timeout, int maxAttempts) {
        this(baseUri, user, password, timeout, maxAttempts, Optional.empty());
    }

    public static ReceiverEndpoint of(URI baseUri, String user, String password) {
        return new ReceiverEndpoint(baseUri, user, password, Duration.ofMinutes(5), 3);
    }

    @Override
    public String toString() {
        return "ReceiverEndpoint[" + baseUri + " as " + user
                + trust.map(pinned -> ", trusting " + pinned).orElse("") + "]";
    }
}
