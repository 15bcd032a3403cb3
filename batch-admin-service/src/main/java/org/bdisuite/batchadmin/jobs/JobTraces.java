package org.bdisuite.batchadmin.jobs;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.bdisuite.batchadmin.persistence.ExecutionTraceRepository;
import org.jboss.logging.Logger;

/**
 * One span per job execution (docs/ARCHITECTURE.md, "Tracing"). A pipeline job learns which trace it belongs to only
 * when it has picked its data set: the transporter continues the extractor's trace stored with the outbound data set,
 * the importer the transporter's stored with the receiver's hand-over. So the execution's span starts when its step
 * says where it belongs ({@link #continueTrace}), backdated to the job's start; a job that never says (or ends first)
 * gets a trace of its own. The trace id is recorded for the execution views as soon as the span starts.
 */
@ApplicationScoped
public class JobTraces {

    private static final Logger LOG = Logger.getLogger(JobTraces.class);

    private final Tracer tracer;
    private final ExecutionTraceRepository traces;
    private final Map<Long, Instant> starts = new ConcurrentHashMap<>();
    private final Map<Long, Span> spans = new ConcurrentHashMap<>();

    public JobTraces(OpenTelemetry openTelemetry, ExecutionTraceRepository traces) {
        this.tracer = openTelemetry.getTracer("org.bdisuite.batch-admin");
        this.traces = traces;
    }

    /** The job has started (the job listener, before its first step). */
    void started(long executionId) {
        starts.put(executionId, Instant.now());
    }

    /**
     * The execution's span, in the trace of {@code parent} (a stored traceparent's context) when it has not started
     * yet; without a parent, a new trace. The caller makes it current around its work.
     */
    public Span continueTrace(long executionId, String jobName, Optional<Context> parent) {
        return spans.computeIfAbsent(executionId, id -> start(id, jobName, parent));
    }

    /** The execution's span, started in a new trace when no step has joined one. */
    public Span span(long executionId, String jobName) {
        return continueTrace(executionId, jobName, Optional.empty());
    }

    /** The job has ended (the job listener): its span ends, marked as an error unless it completed. */
    void ended(long executionId, String jobName, String batchStatus, String exitStatus) {
        Span span = span(executionId, jobName);
        starts.remove(executionId);
        spans.remove(executionId);
        span.setAttribute("bdi.job.batch_status", batchStatus);
        if (exitStatus != null) {
            span.setAttribute("bdi.job.exit_status", exitStatus);
        }
        if ("FAILED".equals(batchStatus)) {
            span.setStatus(StatusCode.ERROR, exitStatus == null ? "FAILED" : exitStatus);
        }
        span.end();
    }

    private Span start(long executionId, String jobName, Optional<Context> parent) {
        SpanBuilder builder = tracer.spanBuilder(jobName)
                .setAttribute("bdi.job.name", jobName)
                .setAttribute("bdi.job.execution_id", executionId);
        parent.ifPresentOrElse(builder::setParent, builder::setNoParent);
        Instant started = starts.get(executionId);
        if (started != null) {
            builder.setStartTimestamp(started);
        }
        Span span = builder.startSpan();
        if (span.getSpanContext().isValid()) {
            try {
                traces.record(executionId, span.getSpanContext().getTraceId());
            } catch (RuntimeException e) {
                // The trace id is for the views; the job must not fail for it.
                LOG.warnf("Could not record the trace of job execution %d: %s", executionId, e.getMessage());
            }
        }
        return span;
    }
}
