package org.bdisuite.runtime.http;

import io.vertx.core.Vertx;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * The write idle timeout of streamed response bodies: while a body is written, a timer looks at it a few times per
 * timeout, and when one write has waited the whole timeout for the client to accept bytes the connection is cut
 * off. Only waiting for the client counts: a body that is slow to produce its bytes is bounded elsewhere (the
 * statement timeout of its query).
 */
public final class StreamStallWatch {

    private static final Logger LOG = Logger.getLogger(StreamStallWatch.class);
    /** How many times per timeout the timer looks; the cut-off comes at most a quarter of the timeout late. */
    private static final int CHECKS_PER_TIMEOUT = 4;

    private static final long MIN_CHECK_MILLIS = 10;

    private StreamStallWatch() {}

    /**
     * Writes {@code body} into {@code out} and ends it; runs {@code cutOff} (once) if a write waits
     * {@code idleTimeout} for the client. The body's failure after a cut-off is the blocked write's IOException.
     */
    public static void write(StreamingOutput body, OutputStream out, Vertx vertx, Duration idleTimeout, Runnable cutOff)
            throws IOException {
        StallWatchedOutputStream watched = new StallWatchedOutputStream(out);
        long timeoutNanos = idleTimeout.toNanos();
        AtomicBoolean cut = new AtomicBoolean();
        long timer = vertx.setPeriodic(Math.max(MIN_CHECK_MILLIS, idleTimeout.toMillis() / CHECKS_PER_TIMEOUT), id -> {
            if (watched.stalledFor(timeoutNanos) && cut.compareAndSet(false, true)) {
                vertx.cancelTimer(id);
                LOG.infof(
                        "Cut off a streamed response: its client accepted no bytes for %s"
                                + " (suite.http.stream-write-idle-timeout)",
                        idleTimeout);
                cutOff.run();
            }
        });
        try {
            body.write(watched);
            watched.close();
        } finally {
            vertx.cancelTimer(timer);
        }
    }
}
