package org.bdisuite.runtime.error;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.impl.ConnectionBase;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import org.bdisuite.runtime.http.HttpLimitsConfig;
import org.bdisuite.runtime.http.StreamStallWatch;
import org.jboss.resteasy.reactive.server.providers.serialisers.StreamingOutputMessageBodyWriter;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveResourceInfo;
import org.jboss.resteasy.reactive.server.spi.ServerMessageBodyWriter;
import org.jboss.resteasy.reactive.server.spi.ServerRequestContext;

/**
 * Every {@link StreamingOutput} response of every service, failing honestly. Once a body's first bytes are sent, its
 * status is on the wire and a failure can no longer be reported: what matters then is that the client cannot mistake
 * the cut-off body for a complete one. Quarkus's own writer (to which this one delegates) closes the connection
 * gracefully, after what is queued, and meanwhile writes its error response and ends the chunked response: when the
 * client reads slowly those leave first, and a truncated JSON array ends in an error object while a truncated NDJSON
 * stream reads as complete with one more line. This writer closes the connection before the failure reaches
 * Quarkus: what is still queued is dropped, nothing is written after it, and the client's read fails
 * (SecurityAndErrorsTest shows both outcomes).
 *
 * <p>The same cut-off ends a body whose client has stopped reading: a write that has waited
 * suite.http.stream-write-idle-timeout for the client to accept bytes ({@link StreamStallWatch}) closes the
 * connection, the blocked write fails, and so does the work behind it (a COPY is cancelled and its database
 * connection returned). PostgreSQL cannot time out a backend that waits for its client, so without this a client
 * that stops reading would hold a connection for as long as it keeps its socket open.
 */
@Provider
public class CutOffStreamingOutputWriter implements ServerMessageBodyWriter<StreamingOutput> {

    /** How long a failing body waits for its connection to close (a local operation: milliseconds). */
    private static final long CLOSE_WAIT_MILLIS = 5_000;

    private final StreamingOutputMessageBodyWriter quarkus = new StreamingOutputMessageBodyWriter();

    @Inject
    CurrentVertxRequest currentRequest;

    @Inject
    Vertx vertx;

    @Inject
    HttpLimitsConfig limits;

    @Override
    public boolean isWriteable(
            Class<?> type, Type genericType, ResteasyReactiveResourceInfo target, MediaType mediaType) {
        return StreamingOutput.class.isAssignableFrom(type);
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return StreamingOutput.class.isAssignableFrom(type);
    }

    @Override
    public void writeResponse(StreamingOutput body, Type genericType, ServerRequestContext context) throws IOException {
        quarkus.writeResponse(watched(body, currentRequest.getCurrent().request()), genericType, context);
    }

    @Override
    public void writeTo(
            StreamingOutput body,
            Class<?> type,
            Type genericType,
            Annotation[] annotations,
            MediaType mediaType,
            MultivaluedMap<String, Object> headers,
            OutputStream out)
            throws IOException {
        watched(body, currentRequest.getCurrent().request()).write(out);
    }

    /** {@code body}, cut off when its client stops reading and when it fails after the response has started. */
    private StreamingOutput watched(StreamingOutput body, HttpServerRequest request) {
        StreamingOutput failing = cutOffOnFailure(body, request);
        return out ->
                StreamStallWatch.write(failing, out, vertx, limits.streamWriteIdleTimeout(), () -> cutOff(request));
    }

    /** {@code body}, cut off (its connection closed at once) if it fails after the response has started. */
    private static StreamingOutput cutOffOnFailure(StreamingOutput body, HttpServerRequest request) {
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
     * HTTP/2: a reset of this stream alone. HTTP/1.x: the connection's channel closed at once, and awaited: Quarkus
     * writes its error response from the event loop once the failure reaches it, so the close has to be done by then,
     * not merely queued. At once means below Vert.x: its connection's close, and its channel handler, which a close
     * of the whole pipeline passes, first send what is queued, which a client that does not read never takes. The
     * close starts at the pipeline's first handler, the socket's end (Vert.x exposes the channel only on its
     * connection implementation, which every connection of its HTTP server is).
     */
    public static void cutOff(HttpServerRequest request) {
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
        ChannelHandlerContext first = channel.pipeline().firstContext();
        if (first == null) {
            return; // closed already: its handlers are gone
        }
        var closing = first.close();
        if (!channel.eventLoop().inEventLoop()) {
            closing.awaitUninterruptibly(CLOSE_WAIT_MILLIS);
        }
    }
}
