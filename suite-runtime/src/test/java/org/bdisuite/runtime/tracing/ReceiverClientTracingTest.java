package org.bdisuite.runtime.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bdisuite.runtime.receiverclient.ReceiverClient;
import org.bdisuite.runtime.receiverclient.ReceiverEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The W3C traceparent crosses the receiver client's boundary: each call is a client span in the caller's trace, and
 * the request the receiver gets names that span as its parent. What a traceparent stored with a row carries back.
 */
class ReceiverClientTracingTest {

    private HttpServer server;
    private final List<String> traceParents = new CopyOnWriteArrayList<>();
    private final List<SpanData> ended = new CopyOnWriteArrayList<>();
    private OpenTelemetrySdk openTelemetry;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/receiver/ping", exchange -> {
            traceParents.add(exchange.getRequestHeaders().getFirst("traceparent"));
            byte[] body = "alive".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        openTelemetry = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .addSpanProcessor(SimpleSpanProcessor.create(new Collecting()))
                        .build())
                .build();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        openTelemetry.close();
    }

    @Test
    void aCallIsAClientSpanOfTheCallersTraceAndItsRequestNamesThatSpanAsParent() {
        Tracer tracer = openTelemetry.getTracer("test");
        Span job = tracer.spanBuilder("job").startSpan();
        try (Scope ignored = job.makeCurrent()) {
            assertThat(client().ping()).isEqualTo("alive");
        } finally {
            job.end();
        }

        SpanData call = ended.stream()
                .filter(s -> s.getName().equals("receiver ping"))
                .findFirst()
                .orElseThrow();
        assertThat(call.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(call.getTraceId()).isEqualTo(job.getSpanContext().getTraceId());
        assertThat(call.getParentSpanId()).isEqualTo(job.getSpanContext().getSpanId());
        assertThat(traceParents).containsExactly("00-" + call.getTraceId() + "-" + call.getSpanId() + "-01");
    }

    @Test
    void aStoredTraceParentContinuesItsTraceAcrossTheClient() {
        String stored = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        Context parent = TraceParents.parse(stored).orElseThrow();
        try (Scope ignored = parent.makeCurrent()) {
            client().ping();
        }
        assertThat(traceParents).hasSize(1);
        assertThat(traceParents.get(0)).startsWith("00-0af7651916cd43dd8448eb211c80319c-");
        assertThat(TraceParents.parse("not a traceparent")).isEmpty();
        assertThat(TraceParents.parse(null)).isEmpty();
    }

    @Test
    void aClientWithoutOpenTelemetrySendsNoHeaderOutsideATrace() {
        URI root = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        new ReceiverClient(ReceiverEndpoint.of(root, "sender", "sender-password"), new ObjectMapper()).ping();
        assertThat(traceParents).containsExactly((String) null);
    }

    private ReceiverClient client() {
        URI root = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        return new ReceiverClient(
                ReceiverEndpoint.of(root, "sender", "sender-password"), new ObjectMapper(), openTelemetry);
    }

    private final class Collecting implements SpanExporter {
        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            ended.addAll(spans);
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }
}
