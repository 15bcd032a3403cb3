package org.bdisuite.bench.floor;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;

/** One job on the clustered Quartz store, as each service has (the receiver's expiry, the exporter's daily run). */
@ApplicationScoped
public class FloorJob {

    private final AtomicLong runs = new AtomicLong();

    @Scheduled(identity = "startup-floor", every = "15m", delayed = "15m")
    void run() {
        runs.incrementAndGet();
    }
}
