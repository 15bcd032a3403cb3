-- Indexes that keep the Batch Service's lists fast with a million job executions in the JSR-352 repository
-- (GET /batch/jobs/executions and friends: filters by status, time range, job and instance, newest first).
-- JBeret's own queries only use the primary keys, so these serve the REST reads and the restart rules.

-- Executions of one instance, newest first: the "only the most recent execution restarts" rule and the
-- restartable flag of every listed execution.
CREATE INDEX job_execution_instance_idx ON job_execution (jobinstanceid, jobexecutionid DESC);

-- Lists filtered by batch status (currently running jobs, FAILED executions), newest first.
CREATE INDEX job_execution_status_idx ON job_execution (batchstatus, jobexecutionid DESC);

-- Lists filtered by a creation-time range.
CREATE INDEX job_execution_createtime_idx ON job_execution (createtime, jobexecutionid);

-- Instances of one job, newest first; executions of a job join through this.
CREATE INDEX job_instance_jobname_idx ON job_instance (jobname, jobinstanceid DESC);

-- Steps of an execution (JBeret selects them by job execution on every restart, too).
CREATE INDEX step_execution_job_execution_idx ON step_execution (jobexecutionid, stepexecutionid);
