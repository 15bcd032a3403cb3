-- Tracing (docs/ARCHITECTURE.md, "Tracing"): one trace follows a data set from the extractor through the
-- transporter's receiver calls to the importer, although these run at different times and the importer reads
-- what another service wrote. The W3C traceparent (55 characters) of the span that made a row is stored with it,
-- and the job that picks the row up continues that trace. NULL for rows made before this migration.

-- The extractor's outbound data set (batch-admin): the transporter continues the extractor's trace.
ALTER TABLE bdi_dwnldr_iface_mod_data_ctl ADD COLUMN IF NOT EXISTS trace_parent VARCHAR(55);
-- The receiver's hand-over (receiver, at endTransaction): the importer continues the transporter's trace.
ALTER TABLE bdi_upldr_iface_mod_data_ctl ADD COLUMN IF NOT EXISTS trace_parent VARCHAR(55);

-- The trace of each job execution (batch-admin), shown in the Batch Service's execution views. JBeret's own tables
-- have no place for it; a row goes with its execution.
CREATE TABLE IF NOT EXISTS bdi_job_execution_trace (
    job_execution_id BIGINT      NOT NULL PRIMARY KEY
        REFERENCES job_execution (jobexecutionid) ON DELETE CASCADE,
    trace_id         VARCHAR(32) NOT NULL,
    CONSTRAINT bdi_job_execution_trace_id_chk CHECK (trace_id ~ '^[0-9a-f]{32}$')
);
