package org.bdisuite.runtime.retention;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.bdisuite.runtime.error.InvalidRequestException;
import org.bdisuite.runtime.error.StateConflictException;
import org.bdisuite.runtime.persistence.AdvisoryLock;
import org.bdisuite.runtime.persistence.PurgeLock;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs the purge of every {@link Purger} of this service: on the schedule ({@code suite.retention.interval}) and
 * through the service's purge API. A purge that deletes holds {@link PurgeLock}, so one replica purges at a time
 * (the schedule skips a round when another replica is purging; the API answers 409 {@code purge-running}); a dry
 * run deletes nothing and needs no lock.
 */
@ApplicationScoped
public class PurgeRunner {

    /** The code of the 409 when another purge of this service is running. */
    public static final String PURGE_RUNNING = "purge-running";

    private static final Logger LOG = Logger.getLogger(PurgeRunner.class);

    private final Instance<Purger> purgers;
    private final PurgeLock lock;
    private final PurgeMetrics metrics;
    private final RetentionConfig config;
    private final String service;

    public PurgeRunner(
            Instance<Purger> purgers,
            PurgeLock lock,
            PurgeMetrics metrics,
            RetentionConfig config,
            @ConfigProperty(name = "quarkus.application.name") String service) {
        this.purgers = purgers;
        this.lock = lock;
        this.metrics = metrics;
        this.config = config;
        this.service = service;
    }

    /**
     * The API's purge: every kind, or only {@code kind}. A kind this service does not have is a 400 naming those it
     * has; another replica purging is a 409.
     */
    public PurgeReport purge(Optional<String> kind, boolean dryRun) {
        List<Purger> selected = select(kind);
        if (dryRun) {
            return run(selected, true);
        }
        try (AdvisoryLock held = lock.tryAcquire(service)
                .orElseThrow(() -> new StateConflictException(
                        PURGE_RUNNING, "Another purge of " + service + " is running; try again when it has ended"))) {
            return run(selected, false);
        }
    }

    @Scheduled(
            identity = "suite-retention-purge",
            every = "${suite.retention.interval:1h}",
            delayed = "${suite.retention.interval:1h}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (!config.enabled() || purgers.isUnsatisfied()) {
            return;
        }
        try {
            Optional<AdvisoryLock> held = lock.tryAcquire(service);
            if (held.isEmpty()) {
                LOG.debugf("Another replica is purging %s; skipping this round", service);
                return;
            }
            try (AdvisoryLock ignored = held.get()) {
                run(all(), false);
            }
        } catch (RuntimeException e) {
            // The next round tries again; whatever a purge deleted was committed per batch.
            LOG.errorf(e, "The scheduled retention purge of %s failed", service);
        }
    }

    private PurgeReport run(List<Purger> selected, boolean dryRun) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<PurgedKind> kinds = new ArrayList<>();
        for (Purger purger : selected) {
            OffsetDateTime cutoff = now.minus(purger.retention());
            Reclaimed reclaimed = purger.purge(cutoff, dryRun);
            if (!dryRun) {
                metrics.reclaimed(purger.kind(), reclaimed);
                if (reclaimed.rows() > 0 || reclaimed.bytes() > 0) {
                    LOG.infof(
                            "Retention purge of %s: %d rows and %d bytes of data finished before %s",
                            purger.kind(), reclaimed.rows(), reclaimed.bytes(), cutoff);
                }
            }
            kinds.add(new PurgedKind(
                    purger.kind(), purger.retention().toString(), cutoff, reclaimed.rows(), reclaimed.bytes()));
        }
        return new PurgeReport(dryRun, kinds);
    }

    private List<Purger> select(Optional<String> kind) {
        List<Purger> all = all();
        if (kind.isEmpty()) {
            return all;
        }
        return all.stream()
                .filter(purger -> purger.kind().equals(kind.get()))
                .findFirst()
                .map(List::of)
                .orElseThrow(() -> InvalidRequestException.forField(
                        "kind",
                        "must be one of " + all.stream().map(Purger::kind).collect(Collectors.joining(", "))));
    }

    private List<Purger> all() {
        return purgers.stream().sorted(Comparator.comparing(Purger::kind)).toList();
    }

    /** Reads the API's {@code dryRun} strictly: "true" or "false" (absent: false); anything else is a 400. */
    public static boolean dryRun(String value) {
        if (value == null || value.isBlank() || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        throw InvalidRequestException.forField("dryRun", "must be true or false");
    }
}
