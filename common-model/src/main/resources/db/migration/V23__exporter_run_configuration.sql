-- A run keeps the schedule configuration it started with, so that a retry or a recovery of that run delivers
-- exactly what the original run would have, even when the schedule was edited after the failure.
-- Rows written before this migration have NULL here: their retries use the schedule's current configuration.
ALTER TABLE exporter_run ADD COLUMN IF NOT EXISTS configuration JSONB;
