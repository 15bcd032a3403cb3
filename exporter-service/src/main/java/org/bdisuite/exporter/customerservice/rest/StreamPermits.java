package org.bdisuite.exporter.customerservice.rest;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bdisuite.exporter.config.ExporterConfig;
import org.bdisuite.runtime.error.TooManyRequestsException;
import org.jboss.resteasy.reactive.server.core.CurrentRequestManager;

/**
 * Who holds the services stream's connections: at most suite.exporter.streams.max-per-user streams per user and
 * suite.exporter.streams.pool-size in all (the size of the streams' pool), so that one user cannot take the pool
 * from the others, and a stream beyond the pool is told to come back (429 with Retry-After) instead of waiting for
 * a connection. A permit is held until the request is complete, however it ends: body written, failed, cut off by
 * the write idle timeout, or the client gone (the JAX-RS completion callback, which Quarkus REST runs once when it
 * is done with a request, after the body's writer has returned or thrown).
 */
@ApplicationScoped
public class StreamPermits {

    private final ExporterConfig.Streams config;
    private final Map<String, Integer> held = new HashMap<>();
    private int total;

    public StreamPermits(ExporterConfig config) {
        this.config = config.streams();
    }

    /** Takes a permit for {@code user} until the current request is complete, or throws the 429. */
    public void holdUntilRequestComplete(String user) {
        take(user);
        AtomicBoolean released = new AtomicBoolean();
        try {
            CurrentRequestManager.get().registerCompletionCallback(failure -> {
                if (released.compareAndSet(false, true)) {
                    release(user);
                }
            });
        } catch (RuntimeException e) {
            release(user);
            throw e;
        }
    }

    private synchronized void take(String user) {
        int mine = held.getOrDefault(user, 0);
        if (mine >= config.maxPerUser()) {
            throw refused(
                    "too-many-streams",
                    "User " + user + " already holds " + mine + " services streams, the most"
                            + " one user may hold at once (suite.exporter.streams.max-per-user); end one or retry later");
        }
        if (total >= config.poolSize()) {
            throw refused(
                    "streams-busy",
                    "Every services stream of this instance is in use"
                            + " (suite.exporter.streams.pool-size); retry later");
        }
        held.put(user, mine + 1);
        total++;
    }

    private synchronized void release(String user) {
        held.computeIfPresent(user, (name, count) -> count > 1 ? count - 1 : null);
        total--;
    }

    private TooManyRequestsException refused(String code, String message) {
        return new TooManyRequestsException(
                code, message, Math.max(1, config.retryAfter().toSeconds()));
    }
}
