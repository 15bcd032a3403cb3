package org.bdisuite.runtime.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The W3C {@code traceparent} of a span as text, and back: how a trace crosses a boundary that is not an HTTP call (a
 * data set the extractor stored and a transporter picks up later, a hand-over row the receiver wrote and the importer
 * reads later). docs/ARCHITECTURE.md, "Tracing".
 */
public final class TraceParents {

    /** The header and the stored value's name (W3C Trace Context). */
    public static final String HEADER = "traceparent";

    private static final TextMapSetter<Map<String, String>> MAP_SETTER = Map::put;
    private static final TextMapGetter<Map<String, String>> MAP_GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private TraceParents() {}

    /** The traceparent of the current span, or null when there is none (tracing off, no span open). */
    public static String current() {
        return of(Context.current());
    }

    /** The traceparent of a context's span, or null when it has none. */
    public static String of(Context context) {
        if (!Span.fromContext(context).getSpanContext().isValid()) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>();
        W3CTraceContextPropagator.getInstance().inject(context, carrier, MAP_SETTER);
        return carrier.get(HEADER);
    }

    /** The trace id (32 hex digits) of the current span, or null when there is none. */
    public static String currentTraceId() {
        SpanContext span = Span.current().getSpanContext();
        return span.isValid() ? span.getTraceId() : null;
    }

    /**
     * The context to continue a stored trace in: the remote span a traceparent names; empty for null or a value that is
     * not a valid traceparent (a row written before tracing, or damaged), so the caller starts a new trace instead.
     */
    public static Optional<Context> parse(String traceParent) {
        if (traceParent == null || traceParent.isBlank()) {
            return Optional.empty();
        }
        Context context = W3CTraceContextPropagator.getInstance()
                .extract(Context.root(), Map.of(HEADER, traceParent.trim()), MAP_GETTER);
        return Span.fromContext(context).getSpanContext().isValid() ? Optional.of(context) : Optional.empty();
    }

    /** The headers that carry the current context to another service (for clients that add headers one by one). */
    public static List<Map.Entry<String, String>> headers(Context context) {
        Map<String, String> carrier = new HashMap<>();
        W3CTraceContextPropagator.getInstance().inject(context, carrier, MAP_SETTER);
        return List.copyOf(carrier.entrySet());
    }
}
