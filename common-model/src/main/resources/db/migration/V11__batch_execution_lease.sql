-- Heartbeat leases of running JSR-352 job executions. The replica that runs an execution holds its lease and
-- renews heartbeat_at every few seconds; when a replica dies its leases stop being renewed, and after the lease
-- time any replica marks those executions FAILED (JBeret would leave them STARTED forever), so they can be
-- restarted. One lease per execution (the primary key), removed with the execution.
CREATE TABLE batch_execution_lease (
    job_execution_id BIGINT       NOT NULL PRIMARY KEY
        REFERENCES job_execution (jobexecutionid) ON DELETE CASCADE,
    owner            VARCHAR(255) NOT NULL,
    acquired_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    heartbeat_at     TIMESTAMPTZ  NOT NULL DEFAULT now(),
    version          BIGINT       NOT NULL DEFAULT 0
);

-- A replica renews all of its leases in one statement.
CREATE INDEX batch_execution_lease_owner_idx ON batch_execution_lease (owner);
