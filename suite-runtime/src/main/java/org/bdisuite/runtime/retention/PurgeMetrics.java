package org.bdisuite.runtime.retention;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code bdi_purge_rows_total{kind}} and {@code bdi_purge_bytes_total{kind}}: what the purges of this replica
 * reclaimed (dry runs count nothing). One replica purges at a time, so aggregate replicas with sum.
 */
@ApplicationScoped
public class PurgeMetrics {

    static final String ROWS = "bdi.purge.rows";
    static final String BYTES = "bdi.purge.bytes";

    private final MeterRegistry registry;

    public PurgeMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void reclaimed(String kind, Reclaimed reclaimed) {
        counter(ROWS, kind, "Rows the retention purge deleted").increment(reclaimed.rows());
        counter(BYTES, kind, "Bytes the retention purge reclaimed (files, and rows' stored size)")
                .increment(reclaimed.bytes());
    }

    private Counter counter(String name, String kind, String description) {
        return Counter.builder(name).description(description).tag("kind", kind).register(registry);
    }
}
