package org.bdisuite.receiver.service;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.bdisuite.receiver.config.ReceiverConfig;
import org.bdisuite.receiver.persistence.ModuleUsageStore;
import org.jboss.logging.Logger;

/**
 * Gives back the open-data quota that uploads reserved and never settled nor cancelled (the receiver died between the
 * reservation and the block's commit): once when the service starts and with every expiry run, for reservations
 * older than {@code suite.receiver.temporary-files.sweep-after}, the time after which an upload's temporary file is
 * deemed abandoned too. An upload that was only paused for longer finds its reservation gone and counts its bytes
 * again under the counter row's lock, so the quota is never overshot either way. A release that fails is logged and
 * retried by the next run.
 */
@ApplicationScoped
public class AbandonedReservations {

    private static final Logger LOG = Logger.getLogger(AbandonedReservations.class);

    private final ModuleUsageStore usage;
    private final OpenDataMetrics metrics;
    private final ReceiverConfig config;

    public AbandonedReservations(ModuleUsageStore usage, OpenDataMetrics metrics, ReceiverConfig config) {
        this.usage = usage;
        this.metrics = metrics;
        this.config = config;
    }

    void onStart(@Observes StartupEvent started) {
        release();
    }

    /** @return the modules whose counter went down, with their new totals */
    public Map<String, Long> release() {
        OffsetDateTime cutoff =
                OffsetDateTime.now(ZoneOffset.UTC).minus(config.temporaryFiles().sweepAfter());
        try {
            Map<String, Long> released = usage.releaseAbandoned(cutoff);
            released.forEach(metrics::held);
            if (!released.isEmpty()) {
                LOG.infof("Gave back the quota reserved by interrupted uploads of %s", released.keySet());
            }
            return released;
        } catch (RuntimeException e) {
            LOG.warnf("Could not give back abandoned quota reservations: %s", e.getMessage());
            return Map.of();
        }
    }
}
