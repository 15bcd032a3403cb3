-- Issue 13: a sender may only touch the receiver transactions it began, and the open data of each interface module
-- is bounded by a quota (docs/ARCHITECTURE.md, "Receiver: transaction owners and the open-data quota").

-- The authenticated user who began the transaction; only that user or a bdi-admin may add to it or end it.
-- Transactions begun before this column existed have no owner: only a bdi-admin may touch them (the sender that
-- began them is unknown, and guessing it would hand one sender's transaction to another).
ALTER TABLE bdi_receiver_transaction ADD COLUMN owner_username VARCHAR(128);

-- Bytes of the data blocks held by the module's open (IN_PROGRESS) transactions: the quota's counter. An upload adds
-- its block's bytes in the database transaction that records the block, under this row's lock and only while the
-- sum stays within the quota, so concurrent uploads cannot overshoot it; ending or expiring a transaction subtracts
-- what it held (its files are handed over to the uploader, or deleted).
CREATE TABLE bdi_receiver_module_usage (
    interface_module VARCHAR(128) PRIMARY KEY,
    open_bytes       BIGINT       NOT NULL,
    CONSTRAINT bdi_receiver_module_usage_bytes_chk CHECK (open_bytes >= 0)
);

INSERT INTO bdi_receiver_module_usage (interface_module, open_bytes)
SELECT x.interface_module, sum(b.block_bytes)
  FROM receiver_transmission_block b
  JOIN bdi_receiver_transmission t ON t.receiver_transmission_id = b.receiver_transmission_id
  JOIN bdi_receiver_transaction x ON x.receiver_transaction_id = t.receiver_transaction_id
 WHERE x.receiver_transaction_status = 'IN_PROGRESS'
 GROUP BY x.interface_module;
