package org.bdisuite.runtime.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Scope;
import org.jboss.logging.MDC;

/**
 * Makes a span current and names it in the log lines written meanwhile (MDC {@code traceId} / {@code spanId}, which
 * the suite's log format prints). Quarkus fills these keys itself only on Vert.x request threads; job threads (JBeret)
 * and scheduler threads (Quartz) get them here. Closing restores what was there before.
 */
public final class TraceScope implements Scope {

    private static final String TRACE_ID = "traceId";
    private static final String SPAN_ID = "spanId";

    private final Scope scope;
    private final Object previousTraceId;
    private final Object previousSpanId;

    private TraceScope(Span span) {
        this.scope = span.makeCurrent();
        this.previousTraceId = MDC.get(TRACE_ID);
        this.previousSpanId = MDC.get(SPAN_ID);
        SpanContext context = span.getSpanContext();
        if (context.isValid()) {
            MDC.put(TRACE_ID, context.getTraceId());
            MDC.put(SPAN_ID, context.getSpanId());
        }
    }

    /** The span, current until the returned scope is closed (on the same thread). */
    public static TraceScope open(Span span) {
        return new TraceScope(span);
    }

    @Override
    public void close() {
        restore(TRACE_ID, previousTraceId);
        restore(SPAN_ID, previousSpanId);
        scope.close();
    }

    private static void restore(String key, Object previous) {
        if (previous == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, previous);
        }
    }
}
