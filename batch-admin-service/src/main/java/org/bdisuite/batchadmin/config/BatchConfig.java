package org.bdisuite.batchadmin.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Settings of the batch runtime around JBeret. */
@ConfigMapping(prefix = "suite.batch")
public interface BatchConfig {

    /** Heartbeat leases of running executions (crash detection). */
    Lease lease();

    /**
     * The installation's setup-data folder (suite.batch.setup-data-dir, env SUITE_BATCH_SETUP_DATA_DIR): job XMLs in
     * its {@code batch-jobs} folder are read at start besides the packaged ones (a folder file wins over a packaged
     * job of the same name), so an interface module's jobs need a restart, not a rebuild. Unset: packaged jobs only.
     */
    Optional<java.nio.file.Path> setupDataDir();

    interface Lease {

        /**
         * How often a replica renews the leases of the executions it runs and looks for expired ones
         * (suite.batch.lease.heartbeat-interval, env SUITE_BATCH_LEASE_HEARTBEAT_INTERVAL).
         */
        @WithDefault("10s")
        Duration heartbeatInterval();

        /**
         * How long a lease lives without a renewal; after that its execution is marked FAILED. Several heartbeat
         * intervals, so that a long GC pause or a slow database does not fail a live execution
         * (suite.batch.lease.ttl).
         */
        @WithDefault("60s")
        Duration ttl();

        /**
         * A running execution without any lease (its replica died between creating it and taking the lease) is
         * marked FAILED once it has not been updated for this long (suite.batch.lease.orphan-grace).
         */
        @WithDefault("10m")
        Duration orphanGrace();

        /** This replica's name in leases; default the host name plus a random suffix per start (suite.batch.lease.owner). */
        Optional<String> owner();
    }
}
