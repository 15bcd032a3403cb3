-- Rows done / total of a running pipeline job execution (batch-admin; docs/ARCHITECTURE.md, "Rows done of total").
-- The importer and the downloader-transporter are batchlets: JBeret records no read / write counts for them until
-- they end, so they report their own progress here, at most once a second, outside the job's transaction.
--   rows_total  known once, when the execution starts its data set: the hand-over's rows per file (importer), the
--               outbound set's staged rows (transporter); NULL when it cannot be known cheaply
--   rows_done   rows streamed into COPY (importer) or sent / found held by the receiver (transporter) so far
CREATE TABLE IF NOT EXISTS batch_execution_progress (
    job_execution_id BIGINT      PRIMARY KEY REFERENCES job_execution (jobexecutionid) ON DELETE CASCADE,
    rows_total       BIGINT,
    rows_done        BIGINT      NOT NULL DEFAULT 0,
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT batch_execution_progress_rows_chk CHECK (rows_done >= 0 AND (rows_total IS NULL OR rows_total >= 0))
);
