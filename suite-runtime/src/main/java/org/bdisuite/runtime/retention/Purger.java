package org.bdisuite.runtime.retention;

import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * One kind of finished data a service deletes after its retention. A service declares each kind as a CDI bean;
 * {@link PurgeRunner} finds them. The SQL stays in the tables' owner classes and file deletion in storage classes;
 * a purger only decides what is old enough and safe to go.
 */
public interface Purger {

    /** The kind's name in the API, the metrics and the logs, e.g. {@code JOB_HISTORY}. */
    String kind();

    /** How long data of this kind is kept after it finished. */
    Duration retention();

    /**
     * Deletes the data that finished before {@code cutoff} and may go, or with {@code dryRun} only counts it: a dry
     * run and the purge that follows it (nothing changed meanwhile) report the same numbers.
     */
    Reclaimed purge(OffsetDateTime cutoff, boolean dryRun);
}
