-- Tracing (docs/ARCHITECTURE.md, "Tracing"): the trace of an export run (its trigger, generation and deliveries),
-- shown in the run views. A retry is a new trace and replaces it. NULL for runs made before this migration.
ALTER TABLE exporter_run ADD COLUMN IF NOT EXISTS trace_id VARCHAR(32);
