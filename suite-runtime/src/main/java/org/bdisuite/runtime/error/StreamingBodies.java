package org.bdisuite.runtime.error;

import io.netty.channel.Channel;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.impl.ConnectionBase;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;

/**
 * Streamed response bodies that fail honestly. Once a body's first bytes are sent, its status is on the wire and a
 * failure can no longer be reported: what matters then is that the client cannot mistake the cut-off body for a
 * complete one. Left alone, Quarkus answers such a failure by writing its error response after the bytes already
 * sent and ending the chunked response cleanly, whenever those bytes are still queued (a client that reads slowly):
 * a truncated JSON array then ends in an error object, and a truncated NDJSON stream reads as complete with one more
 * line. {@link #cutOffOnFailure} closes the connection before the failure reaches Quarkus: what is still queued is
 * dropped, nothing is written after it, and the client's read fails (SecurityAndErrorsTest shows both outcomes).
 */
public final class StreamingBodies {

    /** How long a failing body waits for its connection to close (a local operation: milliseconds). */
    private static final long CLOSE_WAIT_MILLIS = 5_000;

    private StreamingBodies() {
    }

    /** {@code body}, cut off (its connection closed at once) if it fails after the response has started. */
    public static StreamingOutput cutOffOnFailure(StreamingOutput body, HttpServerRequest request) {
        return out -> {
            try {
                body.write(out);
            } catch (IOException | RuntimeException e) {
                if (request.response().headWritten()) {
                    cutOff(request);
                }
                throw e;
            }
        };
    }

    /**
     * HTTP/2: a reset of this stream alone. HTTP/1.x: the connection's channel closed at once (Vert.x's own close
     * sends what is queued first; Vert.x exposes the channel only on its connection implementation, which every
     * connection of its HTTP server is), and awaited: Quarkus writes its error response from the event loop once the
     * failure reaches it, so the close has to be done by then, not merely queued.
     */
    private static void cutOff(HttpServerRequest request) {
        if (request.version() == HttpVersion.HTTP_2) {
            request.response().reset();
            return;
        }
        HttpConnection connection = request.connection();
        if (!(connection instanceof ConnectionBase base)) {
            connection.close();
            return;
        }
        Channel channel = base.channel();
        var closing = channel.close();
        if (!channel.eventLoop().inEventLoop()) {
            closing.awaitUninterruptibly(CLOSE_WAIT_MILLIS);
        }
    }
}
