package org.bdisuite.batchadmin.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.bdisuite.batchadmin.config.BatchConfig;
import org.bdisuite.batchadmin.persistence.ExecutionLeaseRepository;
import org.bdisuite.batchadmin.persistence.ExecutionLeaseRepository.Expired;
import org.jboss.logging.Logger;

/**
 * Heartbeat leases of running executions. JBeret keeps an execution's state only in the memory of the JVM that
 * runs it and in the repository; when that JVM dies the execution stays STARTED forever and can neither be
 * stopped nor restarted. So the replica that runs an execution holds a lease on it and renews it; any replica
 * that finds a lease not renewed within the lease time marks the execution (and its unfinished steps) FAILED,
 * with an exit status that says why, which makes it restartable under the usual JSR-352 rules.
 */
@ApplicationScoped
public class ExecutionLeases {

    private static final Logger LOG = Logger.getLogger(ExecutionLeases.class);

    private final ExecutionLeaseRepository leases;
    private final BatchConfig.Lease config;
    private final String owner;

    public ExecutionLeases(ExecutionLeaseRepository leases, BatchConfig config) {
        this.leases = leases;
        this.config = config.lease();
        this.owner = this.config.owner().orElseGet(ExecutionLeases::defaultOwner);
    }

    /** This replica's name in leases. */
    public String owner() {
        return owner;
    }

    /** A live lease on an execution: who runs it and when it last said so. */
    public record Lease(String owner, OffsetDateTime heartbeatAt) {}

    /** Takes the lease of an execution this replica is about to run (a restart takes over the old one's row). */
    public void acquire(long executionId) {
        leases.acquire(executionId, owner);
    }

    public void release(long executionId) {
        leases.release(executionId, owner);
    }

    public Optional<Lease> leaseOf(long executionId) {
        return leases.leaseOf(executionId).map(lease -> new Lease(lease.owner(), lease.heartbeatAt()));
    }

    /** Renews this replica's leases, then fails the executions of replicas that stopped renewing theirs. */
    @Scheduled(
            every = "${suite.batch.lease.heartbeat-interval:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "batch-execution-lease-heartbeat")
    void heartbeat() {
        try {
            leases.renew(owner);
            failExpired();
        } catch (RuntimeException e) {
            // The next beat tries again; a lease survives several missed beats (ttl > interval).
            LOG.warnf(e, "Renewing the execution leases of %s failed", owner);
        }
    }

    /** Marks FAILED every running execution whose lease expired (or that never got one); returns their ids. */
    public List<Long> failExpired() {
        List<Long> failed = new ArrayList<>();
        for (Expired expired : leases.expired(owner, config.ttl(), config.orphanGrace())) {
            String exitStatus = reason(expired, config.ttl());
            if (leases.fail(expired.executionId(), exitStatus)) {
                LOG.warnf("Job execution %d marked FAILED: %s", expired.executionId(), exitStatus);
                failed.add(expired.executionId());
            }
        }
        return failed;
    }

    private static String reason(Expired expired, Duration ttl) {
        return expired.owner() == null
                ? "FAILED: the execution was left running without a lease (its replica died before taking one); "
                        + "marked FAILED so that it can be restarted"
                : "FAILED: replica " + expired.owner() + " stopped renewing its lease (last heartbeat "
                        + expired.heartbeatAt() + ", lease " + ttl.toSeconds()
                        + "s) and is presumed crashed; marked FAILED so that it can be restarted";
    }

    private static String defaultOwner() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "replica";
        }
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
