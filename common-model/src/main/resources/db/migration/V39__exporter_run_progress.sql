-- The progress of a running export (console "Export schedules", RunVo.rowsWritten): the rows its file generator has
-- written so far, recorded by the replica running it at most about once per second (suite.exporter.run-progress
-- .interval) and never for a run shorter than that. NULL for runs that recorded none.
ALTER TABLE exporter_run ADD COLUMN IF NOT EXISTS rows_written BIGINT;
