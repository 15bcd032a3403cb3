-- The expiry job marks the transmissions of an expired transaction EXPIRED too, under their row locks, so that an
-- upload waiting for such a lock sees the end and is refused rather than storing a block into deleted folders.
ALTER TABLE bdi_receiver_transmission DROP CONSTRAINT bdi_receiver_transmission_status_chk;
ALTER TABLE bdi_receiver_transmission ADD CONSTRAINT bdi_receiver_transmission_status_chk
    CHECK (receiver_transmission_status IN ('IN_PROGRESS', 'COMPLETED', 'EXPIRED'));
