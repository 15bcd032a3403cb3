package org.bdisuite.it;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * A tiny OTLP/HTTP trace receiver standing where a collector would: it accepts {@code POST /v1/traces} with an
 * {@code ExportTraceServiceRequest} in protobuf (what the services' OTLP exporter sends with protocol
 * {@code http/protobuf}), answers 200 and keeps every span with the {@code service.name} of its resource. The protobuf
 * is read by hand (only the few fields a test needs), so the test depends on no generated OTLP classes.
 */
final class OtlpCollector implements AutoCloseable {

    /** One received span; ids are lower-case hex, {@code parentSpanId} empty for a root span. */
    record ReceivedSpan(String service, String traceId, String spanId, String parentSpanId, String name) {}

    private final HttpServer server;
    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();

    OtlpCollector() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            try (InputStream body =
                    "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                            ? new GZIPInputStream(exchange.getRequestBody())
                            : exchange.getRequestBody()) {
                spans.addAll(exportRequest(body.readAllBytes()));
                exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, 0);
            } catch (RuntimeException e) {
                exchange.sendResponseHeaders(400, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    /** The root to give as QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT (the exporter adds v1/traces). */
    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<ReceivedSpan> spans() {
        return List.copyOf(spans);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    // --- ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; }
    private static List<ReceivedSpan> exportRequest(byte[] bytes) {
        List<ReceivedSpan> result = new ArrayList<>();
        for (Field field : fields(bytes)) {
            if (field.number == 1) {
                result.addAll(resourceSpans(field.bytes));
            }
        }
        return result;
    }

    // ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2; }
    private static List<ReceivedSpan> resourceSpans(byte[] bytes) {
        String service = "";
        List<byte[]> scopes = new ArrayList<>();
        for (Field field : fields(bytes)) {
            if (field.number == 1) {
                service = serviceName(field.bytes);
            } else if (field.number == 2) {
                scopes.add(field.bytes);
            }
        }
        List<ReceivedSpan> result = new ArrayList<>();
        for (byte[] scope : scopes) {
            // ScopeSpans { InstrumentationScope scope = 1; repeated Span spans = 2; }
            for (Field field : fields(scope)) {
                if (field.number == 2) {
                    result.add(span(service, field.bytes));
                }
            }
        }
        return result;
    }

    // Resource { repeated KeyValue attributes = 1; } KeyValue { string key = 1; AnyValue value = 2; }
    // AnyValue { string string_value = 1; ... }
    private static String serviceName(byte[] resource) {
        for (Field attribute : fields(resource)) {
            if (attribute.number != 1) {
                continue;
            }
            String key = null;
            String value = null;
            for (Field part : fields(attribute.bytes)) {
                if (part.number == 1) {
                    key = new String(part.bytes, StandardCharsets.UTF_8);
                } else if (part.number == 2) {
                    for (Field any : fields(part.bytes)) {
                        if (any.number == 1) {
                            value = new String(any.bytes, StandardCharsets.UTF_8);
                        }
                    }
                }
            }
            if ("service.name".equals(key)) {
                return value;
            }
        }
        return "";
    }

    // Span { bytes trace_id = 1; bytes span_id = 2; string trace_state = 3; bytes parent_span_id = 4; string name = 5;
    // }
    private static ReceivedSpan span(String service, byte[] bytes) {
        HexFormat hex = HexFormat.of();
        String traceId = "";
        String spanId = "";
        String parent = "";
        String name = "";
        for (Field field : fields(bytes)) {
            switch (field.number) {
                case 1 -> traceId = hex.formatHex(field.bytes);
                case 2 -> spanId = hex.formatHex(field.bytes);
                case 4 -> parent = hex.formatHex(field.bytes);
                case 5 -> name = new String(field.bytes, StandardCharsets.UTF_8);
                default -> {}
            }
        }
        return new ReceivedSpan(service, traceId, spanId, parent, name);
    }

    /** A field of a protobuf message: its number and, for length-delimited fields, its bytes (else empty). */
    private record Field(int number, byte[] bytes) {}

    /** The fields of one message, in order (protobuf wire format: varint, fixed64, length-delimited, fixed32). */
    private static List<Field> fields(byte[] message) {
        List<Field> fields = new ArrayList<>();
        int[] at = {0};
        while (at[0] < message.length) {
            long key = varint(message, at);
            int number = (int) (key >>> 3);
            int type = (int) (key & 7);
            switch (type) {
                case 0 -> {
                    varint(message, at);
                    fields.add(new Field(number, new byte[0]));
                }
                case 1 -> {
                    at[0] += 8;
                    fields.add(new Field(number, new byte[0]));
                }
                case 2 -> {
                    int length = (int) varint(message, at);
                    ByteArrayOutputStream value = new ByteArrayOutputStream(length);
                    value.write(message, at[0], length);
                    at[0] += length;
                    fields.add(new Field(number, value.toByteArray()));
                }
                case 5 -> {
                    at[0] += 4;
                    fields.add(new Field(number, new byte[0]));
                }
                default -> throw new IllegalArgumentException("Unsupported protobuf wire type " + type);
            }
        }
        return fields;
    }

    private static long varint(byte[] message, int[] at) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = message[at[0]++];
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("Malformed varint");
    }
}
