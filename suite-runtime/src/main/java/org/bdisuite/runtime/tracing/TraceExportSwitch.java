package org.bdisuite.runtime.tracing;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.arc.lookup.LookupIfProperty;
import jakarta.inject.Singleton;
import java.util.Collection;

/**
 * Keeps spans in the process unless an OTLP endpoint is configured. Quarkus installs its OTLP exporter with a default
 * endpoint (localhost:4317) and, with nothing listening there, would log an export failure every few seconds; it
 * leaves its exporter out when another {@link SpanExporter} bean can be looked up. This one can be, exactly while
 * {@code quarkus.otel.exporter.otlp.traces.endpoint} is unset, and drops what it is given (the annotation needs a
 * value; {@code none} is never a valid endpoint, Quarkus refuses it at start). Setting
 * the endpoint (deploy/README.md, "Tracing") hides it and the OTLP exporter sends. Spans, trace ids in the logs and
 * in the views and the propagation between services work either way.
 */
@Singleton
@LookupIfProperty(name = "quarkus.otel.exporter.otlp.traces.endpoint", stringValue = "none", lookupIfMissing = true)
public class TraceExportSwitch implements SpanExporter {

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
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
