-- Issue 19: an upload reserves its block's bytes against the module's open-data quota in a short statement of its
-- own, so that the counter row (bdi_receiver_module_usage) is no longer locked until the block's commit and the
-- uploads of one module commit side by side (docs/ARCHITECTURE.md, "Receiver: quota reservations").
--
-- A row here is bytes already added to the module's counter for an upload that has not committed its block yet.
-- The block's own transaction deletes the row (the bytes stay counted, now for the stored block); a refused or failed
-- upload deletes it and subtracts the bytes again. A row left by a receiver that died in between is a leaked
-- reservation: once it is older than any upload can pause, the receiver subtracts it and deletes it (at start and
-- with every expiry run).
CREATE TABLE IF NOT EXISTS bdi_receiver_quota_reservation (
    reservation_id   BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    interface_module VARCHAR(128)             NOT NULL,
    reserved_bytes   BIGINT                   NOT NULL,
    reserved_at      TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
    CONSTRAINT bdi_receiver_quota_reservation_bytes_chk CHECK (reserved_bytes >= 0)
);

CREATE INDEX IF NOT EXISTS bdi_receiver_quota_reservation_at_idx ON bdi_receiver_quota_reservation (reserved_at);
