package org.bdisuite.receiver.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The receiver's own settings. */
@ConfigMapping(prefix = "suite.receiver")
public interface ReceiverConfig {

    /**
     * BASE_FOLDER of an interface that has no row in bdi_receiver_options (env SUITE_RECEIVER_BASE_FOLDER). The
     * receiver writes under its bdi-data subfolder. Replicas must share it (the spec's "Receiver Side Split").
     */
    String baseFolder();

    /** The largest data block the receiver stores, in bytes; a larger body is a 413 and nothing is stored. */
    @WithDefault("134217728")
    long maxBlockBytes();

    /** Temporary files left by a receiver killed in the middle of an upload or a merge. */
    TemporaryFiles temporaryFiles();

    interface TemporaryFiles {

        /**
         * How long a temporary file must have gone unwritten before a sweep (at start and with every expiry run)
         * removes it (ISO-8601 duration, env SUITE_RECEIVER_TEMPORARY_FILES_SWEEP_AFTER). Longer than any upload
         * of a replica sharing the folder can pause; PT0S when a single receiver uses the folders.
         */
        @WithDefault("PT15M")
        java.time.Duration sweepAfter();
    }

    /** Transactions not ended in time. */
    Expiry expiry();

    interface Expiry {

        /**
         * How long after its begin a transaction that was not ended is expired: its files deleted, its status
         * EXPIRED (ISO-8601 duration, env SUITE_RECEIVER_EXPIRY_AFTER).
         */
        @WithDefault("PT24H")
        java.time.Duration after();

        /** How often the expiry job looks for such transactions (a Quarkus scheduler interval, e.g. 15m). */
        @WithDefault("15m")
        String checkInterval();
    }
}
