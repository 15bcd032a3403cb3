-- A running export renews its run's heartbeat (suite.exporter.run-heartbeat.interval); a RUNNING run whose heartbeat
-- is older than suite.exporter.run-heartbeat.stale-after lost its process, and another replica marks it FAILED.
-- Rows written before this migration have NULL here: they are judged by their age (suite.exporter.stale-run-after).
ALTER TABLE exporter_run ADD COLUMN IF NOT EXISTS heartbeat_at TIMESTAMP WITH TIME ZONE;
