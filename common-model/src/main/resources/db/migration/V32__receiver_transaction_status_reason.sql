-- Why a receiver transaction ended as it did when it did not complete (receiver; docs/ARCHITECTURE.md, "Data set
-- states and failure causes"): an EXPIRED transaction's reason (not ended in time, its blocks deleted). Rows
-- expired before this migration have NULL here.
ALTER TABLE bdi_receiver_transaction ADD COLUMN IF NOT EXISTS status_reason VARCHAR(1000);
