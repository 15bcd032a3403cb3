package org.bdisuite.receiver.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import java.util.Optional;

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

    /**
     * The name of a merged file, {@code {interface}} standing for the interface short name (env
     * SUITE_RECEIVER_MERGED_FILE_NAME). The importer does not depend on it: the hand-over lists every file by path.
     */
    @WithDefault("{interface}.csv")
    String mergedFileName();

    /** Temporary files left by a receiver killed in the middle of an upload or a merge. */
    TemporaryFiles temporaryFiles();

    interface TemporaryFiles {

        /**
         * How long a temporary file must have gone unwritten before a sweep (at start and with every expiry run)
         * removes it (ISO-8601 duration, env SUITE_RECEIVER_TEMPORARY_FILES_SWEEP_AFTER). Longer than any upload
         * of a replica sharing the folder can pause; PT0S when a single receiver uses the folders. Quota reservations
         * of uploads that never committed are given back after the same time (service.AbandonedReservations).
         */
        @WithDefault("PT15M")
        java.time.Duration sweepAfter();
    }

    /** Transactions not ended in time. */
    Expiry expiry();

    /** How much open data each interface module may hold. */
    Quota quota();

    /**
     * The quota on open receiver data: the bytes of the data blocks held by an interface module's transactions that
     * are still IN_PROGRESS. Ending a transaction (its data is handed over to the uploader) or its expiry (its files
     * are deleted) frees what it held. An upload that would exceed the quota is a 507 and stores nothing.
     */
    interface Quota {

        /** Each module's quota unless {@link #modules()} names it (a size: 20G, 512M; env SUITE_RECEIVER_QUOTA_OPEN_BYTES). */
        @WithDefault("20G")
        MemorySize openBytes();

        /**
         * Quotas of single modules, comma separated: {@code Diff_Fnd=100G,Other_Fnd=512M} (env
         * SUITE_RECEIVER_QUOTA_MODULES).
         */
        @WithConverter(ModuleQuotas.Reader.class)
        Optional<ModuleQuotas> modules();

        /** The quota of this module, in bytes. */
        default long of(String interfaceModule) {
            return modules()
                    .flatMap(quotas -> quotas.of(interfaceModule))
                    .orElse(openBytes().asLongValue());
        }
    }

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
