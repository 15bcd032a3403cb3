package org.bdisuite.batchadmin.service;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bdisuite.batchadmin.persistence.FreshnessRuleRow;
import org.bdisuite.runtime.events.SuiteEventKind;
import org.bdisuite.runtime.persistence.FreshnessStore.LastSuccess;

/**
 * The operability metrics of /q/metrics (Prometheus names):
 *
 * <ul>
 *   <li>{@code bdi_failures_total{kind}}: failure events (every kind but NOT_FRESH), counted once across replicas by
 *       the replica that dispatches them (aggregate with sum);
 *   <li>{@code bdi_notifications_total{channel,status}}: notifications SENT, FAILED (after the last attempt),
 *       SUPPRESSED (rate limit) and RETRIED;
 *   <li>{@code bdi_freshness_seconds_since_success{kind,subject}}: seconds since the subject last succeeded (a job
 *       by name, an export schedule, an interface module's import), from the shared record, the same on every
 *       replica (aggregate with max or min, not sum);
 *   <li>{@code bdi_freshness_max_age_seconds{kind,subject}}: the subject's freshness rule.
 * </ul>
 *
 * Gauges read memory (refreshed by {@link MonitoringCycle}); a scrape never waits for the database.
 */
@ApplicationScoped
public class MonitoringMetrics {

    static final String FAILURES = "bdi.failures";
    static final String NOTIFICATIONS = "bdi.notifications";
    static final String SINCE_SUCCESS = "bdi.freshness.seconds.since.success";
    static final String MAX_AGE = "bdi.freshness.max.age.seconds";

    private final MeterRegistry registry;
    private final Map<Subject, Instant> lastSuccess = new ConcurrentHashMap<>();
    private final Map<Subject, Long> maxAgeSeconds = new ConcurrentHashMap<>();
    private final Map<Subject, Meter> sinceGauges = new ConcurrentHashMap<>();
    private final Map<Subject, Meter> maxAgeGauges = new ConcurrentHashMap<>();

    record Subject(String kind, String name) {
        Tags tags() {
            return Tags.of("kind", kind, "subject", name);
        }
    }

    public MonitoringMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Every failure kind's counter exists from the start (at 0), so that rates and alerts see the first one. */
    void registerCounters(@Observes StartupEvent started) {
        for (SuiteEventKind kind : SuiteEventKind.values()) {
            if (kind != SuiteEventKind.NOT_FRESH) {
                registry.counter(FAILURES, "kind", kind.name());
            }
        }
    }

    public void event(SuiteEventKind kind) {
        if (kind != SuiteEventKind.NOT_FRESH) {
            registry.counter(FAILURES, "kind", kind.name()).increment();
        }
    }

    public void notification(String channel, String status) {
        registry.counter(NOTIFICATIONS, "channel", channel, "status", status).increment();
    }

    /** Replaces the freshness gauges' values; gauges of subjects that are gone are removed. */
    public void freshness(List<LastSuccess> successes, List<FreshnessRuleRow> rules) {
        Map<Subject, Instant> nextSuccess = new HashMap<>();
        successes.forEach(s -> nextSuccess.put(new Subject(s.kind().name(), s.subject()), s.at().toInstant()));
        Map<Subject, Long> nextMaxAge = new HashMap<>();
        rules.forEach(r -> nextMaxAge.put(
                new Subject(r.kind(), r.subject()),
                Duration.ofHours(r.maxAgeHours()).toSeconds()));
        replace(
                lastSuccess,
                nextSuccess,
                sinceGauges,
                SINCE_SUCCESS,
                subject -> secondsSince(lastSuccess.get(subject)));
        replace(maxAgeSeconds, nextMaxAge, maxAgeGauges, MAX_AGE, subject -> valueOf(maxAgeSeconds.get(subject)));
    }

    private <V> void replace(
            Map<Subject, V> values,
            Map<Subject, V> next,
            Map<Subject, Meter> gauges,
            String name,
            java.util.function.ToDoubleFunction<Subject> value) {
        values.putAll(next);
        for (Subject gone : List.copyOf(values.keySet())) {
            if (!next.containsKey(gone)) {
                values.remove(gone);
                Meter gauge = gauges.remove(gone);
                if (gauge != null) {
                    registry.remove(gauge);
                }
            }
        }
        for (Subject subject : next.keySet()) {
            gauges.computeIfAbsent(
                    subject,
                    s -> Gauge.builder(name, s, value)
                            .tags(s.tags())
                            .strongReference(true)
                            .register(registry));
        }
    }

    private static double secondsSince(Instant at) {
        return at == null ? Double.NaN : Duration.between(at, Instant.now()).toMillis() / 1000.0;
    }

    private static double valueOf(Long seconds) {
        return seconds == null ? Double.NaN : seconds;
    }
}
