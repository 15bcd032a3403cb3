package org.bdisuite.exporter.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The exporter's own settings (prefix suite.exporter, env SUITE_EXPORTER_...). */
@ConfigMapping(prefix = "suite.exporter")
public interface ExporterConfig {

    /** The IANA timezone of a schedule that does not name one. */
    @WithDefault("UTC")
    String defaultTimezone();

    /** How long one data-source query may run before PostgreSQL cancels it. */
    @WithDefault("PT10M")
    Duration statementTimeout();

    /**
     * The PostgreSQL role every query of a SQL data source runs as (suite_export_reader, made by the V22 migration):
     * its connections are the pool {@code quarkus.datasource.export-reader.*}.
     */
    Reader reader();

    interface Reader {

        /**
         * The role's password (env SUITE_EXPORTER_READER_PASSWORD); the export-reader pool logs in with it, and the
         * exporter sets it on the role at start where its database user may. Never logged.
         */
        java.util.Optional<String> password();
    }

    /** How many rows the cursor fetches per round trip. */
    @WithDefault("1000")
    int fetchSize();

    /** The most data rows one file holds (the GOSS Data Exporter's hard limit); more fails the export unless it splits. */
    @WithDefault("100000")
    int maxRows();

    /** Whether CSV text cells that start like a formula (=, +, -, @, TAB, CR) are prefixed with a quote. */
    @WithDefault("true")
    boolean csvNeutraliseFormulas();

    /** Where runs write their files (a folder per run); replicas should share it for download links. */
    @WithDefault("exporter-data/runs")
    java.nio.file.Path workDir();

    /** The log directory: the DataExporterErrors file is written here. */
    @WithDefault("exporter-data/logs")
    java.nio.file.Path logDir();

    /** The base URL of this service as mail readers reach it (download links of files too large to attach). */
    @WithDefault("http://localhost:8083")
    String downloadBaseUrl();

    /** EMAIL delivery. */
    Mail mail();

    /** How long an SFTP connection, authentication or transfer step may take. */
    @WithDefault("PT30S")
    Duration sftpTimeout();

    /** RECEIVER delivery: the BDI receiver and interface exported files are sent to. */
    Receiver receiver();

    interface Receiver {

        /** The receiver-service root, e.g. http://receiver:8081/ (env SUITE_EXPORTER_RECEIVER_URL); unset: no RECEIVER. */
        java.util.Optional<java.net.URI> url();

        /** A user with role bdi-operator on that receiver. */
        java.util.Optional<String> user();

        /** Its password (env SUITE_EXPORTER_RECEIVER_PASSWORD); never logged. */
        java.util.Optional<String> password();

        /** The interface module the files are sent as (registered on the receiver's side). */
        @WithDefault("EXPORTER")
        String interfaceModule();

        /** The interface (short name) within it. */
        @WithDefault("DATA_EXPORT")
        String interfaceShortName();

        /** The source system name the exporter sends as. */
        @WithDefault("DATA_EXPORTER")
        String sourceSystemName();

        /** The size from which a file is sent in several blocks (cut at the next line end). */
        @WithDefault("8388608")
        long blockBytes();
    }

    interface Mail {

        /** The largest total size of files attached to one mail; larger exports are sent as download links. */
        @WithDefault("10485760")
        long maxAttachmentBytes();
    }

    /**
     * A run recorded before run heartbeats (V29, no heartbeat) still RUNNING after this long was interrupted: it is
     * marked FAILED like a run whose heartbeat stopped (see {@link #runHeartbeat()}).
     */
    @WithDefault("PT6H")
    Duration staleRunAfter();

    /**
     * The heartbeat of running exports: the replica running a run renews its heartbeat, and every replica marks a
     * RUNNING run whose heartbeat stopped (its process died) FAILED, audited, its schedule back at the gateway, so
     * that it can be retried (POST /exporter/runs/{runId}/retry). A long export on a live replica is never taken.
     */
    RunHeartbeat runHeartbeat();

    /** The progress of running exports (rows written so far: the console's progress bar, RunVo.rowsWritten). */
    Progress runProgress();

    interface Progress {

        /**
         * How often the replica running an export records its rows written so far; a run that generates for less
         * than this records none (no database write for short runs).
         */
        @WithDefault("PT1S")
        Duration interval();
    }

    interface RunHeartbeat {

        /** How often a replica renews the heartbeat of the runs it executes and looks for runs that lost theirs. */
        @WithDefault("PT10S")
        Duration interval();

        /** A RUNNING run whose heartbeat is older than this lost its process (several intervals). */
        @WithDefault("PT1M")
        Duration staleAfter();
    }

    /** The exporter's clock (tests only). */
    Clock clock();

    interface Clock {

        /**
         * Tests only: a file holding an ISO-8601 duration (e.g. {@code P3D}) that is added to the system clock, read
         * at every reading of the clock, so that a crash trial moves the day of every replica at once. Unset (the
         * default, and always in production) the clock is the system clock; only the operator's configuration can
         * set it, never an API call.
         */
        java.util.Optional<java.nio.file.Path> offsetFile();
    }

    /** The daily run (processSchedules). */
    Daily daily();

    /** The largest preview (GET /exporter/data-sources/{name}/preview?limit=n). */
    @WithDefault("1000")
    int maxPreviewRows();

    /** The Genesys services stream (/exporter/services). */
    Services services();

    interface Services {

        /** Where file-export jobs write their files (a folder per job); replicas should share it. */
        @WithDefault("exporter-data/services")
        java.nio.file.Path filesDir();

        /** How long a finished job's files are kept; then they are deleted and the job is EXPIRED. */
        @WithDefault("PT24H")
        Duration retention();

        /** How many file-export jobs one instance runs at once; more wait QUEUED. */
        @WithDefault("2")
        int jobThreads();

        /** How often an instance renews the heartbeat of its running jobs, and looks for orphaned and expired ones. */
        @WithDefault("PT10S")
        Duration heartbeat();

        /** A RUNNING job whose heartbeat is older than this lost its runner (a stopped instance): it is run again. */
        @WithDefault("PT1M")
        Duration staleAfter();

        /** How many times a job is started at most: one whose runner is lost after the last start is marked FAILED. */
        @WithDefault("3")
        int maxAttempts();

        /**
         * The largest NDJSON body of one bulk ingest (POST /exporter/services/bulk), counted as it streams into
         * COPY; a larger body is a 413 and stores nothing. The HTTP layer's limit of this service follows it.
         */
        @WithDefault("256M")
        io.quarkus.runtime.configuration.MemorySize maxBulkSize();
    }

    /** The services stream (GET /exporter/services/export): its own database pool and who may hold it. */
    Streams streams();

    interface Streams {

        /**
         * The size of the streams' own database pool (quarkus.datasource.streams), which is the most streams this
         * instance serves at once; one more is a 429. Authentication and the rest of the API use the default pool.
         */
        @WithDefault("8")
        int poolSize();

        /** The most streams one user holds at once; one more is a 429 (another user is not affected). */
        @WithDefault("2")
        int maxPerUser();

        /** The Retry-After of such a 429. */
        @WithDefault("PT10S")
        Duration retryAfter();
    }

    interface Daily {

        /** Quartz cron of the daily run; once a day (the GOSS Data Exporter runs it around 02:00). */
        @WithDefault("0 0 2 * * ?")
        String cron();

        /** The IANA timezone the cron is read in. */
        @WithDefault("UTC")
        String timezone();

        /** Whether the trigger runs processSchedules (tests turn it off and call the endpoint). */
        @WithDefault("true")
        boolean enabled();

        /**
         * What to do at start when today's run time has passed without a run (the service was down): {@code once}
         * processes the due schedules once now; {@code skip} waits for the next trigger.
         */
        @WithDefault("once")
        MissedDayPolicy missedDayPolicy();

        /** How many passes over the day's list wait for a schedule that a user is running right then. */
        @WithDefault("30")
        int busyRetries();
    }

    enum MissedDayPolicy {
        once,
        skip
    }
}
