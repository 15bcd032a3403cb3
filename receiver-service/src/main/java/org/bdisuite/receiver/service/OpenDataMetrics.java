package org.bdisuite.receiver.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.bdisuite.receiver.config.ReceiverConfig;
import org.bdisuite.receiver.persistence.ModuleUsageStore;
import org.jboss.logging.Logger;

/**
 * The open-data quota at /q/metrics, per interface module: {@code bdi_receiver_open_bytes} (bytes held by its
 * open transactions), {@code bdi_receiver_quota_bytes} (its quota) and {@code bdi_receiver_quota_refused_total}
 * (uploads refused with 507). The counter lives in the shared database, so every replica reports the same value
 * (aggregate with max, not sum): changes made here are shown at once, other replicas' after the next refresh.
 * Gauges read memory only; a scrape never waits for the database.
 */
@ApplicationScoped
public class OpenDataMetrics {

    private static final Logger LOG = Logger.getLogger(OpenDataMetrics.class);
    /** How often the values are re-read from the database, for changes made by other replicas. */
    private static final long REFRESH_SECONDS = 30;

    private final MeterRegistry registry;
    private final ModuleUsageStore usage;
    private final ReceiverConfig config;
    private final Map<String, AtomicLong> openBytes = new ConcurrentHashMap<>();
    private ScheduledExecutorService refresher;

    public OpenDataMetrics(MeterRegistry registry, ModuleUsageStore usage, ReceiverConfig config) {
        this.registry = registry;
        this.usage = usage;
        this.config = config;
    }

    void start(@Observes StartupEvent started) {
        refresh();
        refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "receiver-open-data-metrics");
            thread.setDaemon(true);
            return thread;
        });
        refresher.scheduleWithFixedDelay(this::refresh, REFRESH_SECONDS, REFRESH_SECONDS, TimeUnit.SECONDS);
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (refresher != null) {
            refresher.shutdownNow();
        }
    }

    /** The module now holds {@code bytes} of open data (as this replica just committed or read). */
    void held(String interfaceModule, long bytes) {
        gaugeOf(interfaceModule).set(bytes);
    }

    /** An upload to the module was refused because of its quota. */
    void refused(String interfaceModule) {
        Counter.builder("bdi.receiver.quota.refused")
                .description("Block uploads refused with 507 (quota exceeded)")
                .tag("interface_module", interfaceModule)
                .register(registry)
                .increment();
    }

    private void refresh() {
        try {
            usage.all().forEach(this::held);
        } catch (RuntimeException e) {
            // A database that is briefly away must not stop the refresher; the values are kept until the next run.
            LOG.warnf("Could not refresh the receiver's open-data metrics: %s", e.getMessage());
        }
    }

    private AtomicLong gaugeOf(String interfaceModule) {
        return openBytes.computeIfAbsent(interfaceModule, module -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("bdi.receiver.open.bytes", value, AtomicLong::get)
                    .baseUnit("bytes")
                    .description("Bytes of data blocks held by the interface module's open receiver transactions")
                    .tag("interface_module", module)
                    .strongReference(true)
                    .register(registry);
            Gauge.builder("bdi.receiver.quota.bytes", () -> config.quota().of(module))
                    .baseUnit("bytes")
                    .description("The interface module's quota on open receiver data")
                    .tag("interface_module", module)
                    .strongReference(true)
                    .register(registry);
            return value;
        });
    }
}
