package org.bdisuite.exporter.schedule.service;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Supplier;
import org.bdisuite.runtime.tracing.TraceScope;

/**
 * The exporter's spans (docs/ARCHITECTURE.md, "Tracing"): the daily run, each export run, its generation and each
 * delivery, every one a child of the span current when it starts, so one run is one trace from its trigger (the API
 * call's request span, or the daily run's span) through its deliveries; a RECEIVER delivery's receiver calls carry it
 * on to the receiver.
 */
@ApplicationScoped
public class ExportTracing {

    private final Tracer tracer;

    public ExportTracing(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer("org.bdisuite.exporter");
    }

    /** Runs the work in a span of that name, current meanwhile; a thrown exception marks the span as an error. */
    public <T> T inSpan(String name, Attributes attributes, Supplier<T> work) {
        Span span = tracer.spanBuilder(name).setAllAttributes(attributes).startSpan();
        try (TraceScope ignored = TraceScope.open(span)) {
            return work.get();
        } catch (RuntimeException e) {
            span.setStatus(StatusCode.ERROR, e.getMessage());
            throw e;
        } finally {
            span.end();
        }
    }
}
