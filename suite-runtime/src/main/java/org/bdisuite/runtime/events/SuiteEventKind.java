package org.bdisuite.runtime.events;

/**
 * What an operator is told about (suite_event.kind; the migration's CHECK lists the same names). The name is the
 * {@code kind} of the documented notification JSON and of the {@code bdi_suite_events_total} counter.
 */
public enum SuiteEventKind {
    /** A job execution ended FAILED (batch-admin; subject: the job name). */
    JOB_EXECUTION_FAILED,
    /** A job execution was ABANDONED (batch-admin; subject: the job name). */
    JOB_EXECUTION_ABANDONED,
    /** An export run ended FAILED (exporter; subject: the schedule's business key). */
    EXPORT_RUN_FAILED,
    /** A receiver transaction was EXPIRED (receiver; subject: the interface module). */
    RECEIVER_TRANSACTION_EXPIRED,
    /** A data set was marked FAILED (batch-admin; subject: the interface module). */
    DATA_SET_FAILED,
    /** A subject did not succeed within its freshness rule (batch-admin; subject: kind:name). */
    NOT_FRESH
}
