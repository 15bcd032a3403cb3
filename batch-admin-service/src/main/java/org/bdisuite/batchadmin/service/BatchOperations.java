package org.bdisuite.batchadmin.service;

import jakarta.batch.operations.BatchRuntimeException;
import jakarta.batch.operations.JobExecutionAlreadyCompleteException;
import jakarta.batch.operations.JobExecutionIsRunningException;
import jakarta.batch.operations.JobExecutionNotMostRecentException;
import jakarta.batch.operations.JobExecutionNotRunningException;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.JobRestartException;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.bdisuite.batchadmin.api.ExecutionIdVo;
import org.bdisuite.batchadmin.error.BatchRule;
import org.bdisuite.batchadmin.persistence.ExecutionRow;
import org.bdisuite.batchadmin.persistence.JobRepositoryQueries;
import org.bdisuite.runtime.error.ResourceNotFoundException;
import org.jboss.logging.Logger;

/**
 * The Batch Service's write side over the JSR-352 JobOperator: start, restart, stop, abandon. Each checks the
 * rule of {@link ExecutionRules} first, so a refused request is a 409 that names the rule and changes nothing.
 */
@ApplicationScoped
public class BatchOperations {

    private static final Logger LOG = Logger.getLogger(BatchOperations.class);

    private final JobOperator operator;
    private final JobCatalog catalog;
    private final JobRepositoryQueries queries;
    private final ExecutionLeases leases;
    private final JobParameterRules parameterRules;

    public BatchOperations(
            JobOperator operator,
            JobCatalog catalog,
            JobRepositoryQueries queries,
            ExecutionLeases leases,
            JobParameterRules parameterRules) {
        this.operator = operator;
        this.parameterRules = parameterRules;
        this.leases = leases;
        this.catalog = catalog;
        this.queries = queries;
    }

    /** Starts a new instance of the job, once its parameters pass their rules; it runs asynchronously. */
    public ExecutionIdVo start(String jobName, Properties parameters) {
        if (catalog.find(jobName).isEmpty()) {
            throw new ResourceNotFoundException("no-job", "No job " + jobName);
        }
        parameterRules.check(jobName, parameters);
        // quarkus-jberet's operator knows the packaged jobs by name only; a setup-data job starts by its model.
        long executionId = catalog.isFromFolder(jobName)
                ? catalog.startFromFolder(jobName, parameters)
                : operator.start(jobName, parameters);
        LOG.infof("Started job %s as execution %d", jobName, executionId);
        return new ExecutionIdVo(executionId, jobName);
    }

    /**
     * Restarts a STOPPED or FAILED execution that is the most recent of its instance. The check and the restart
     * run under a database lock on the instance, so two restarts of the same execution - from this replica or
     * another - make one new execution and one 409, never two executions of one instance at once.
     */
    public ExecutionIdVo restart(long executionId, Properties parameters) {
        ExecutionRow known = requireExecution(executionId);
        parameterRules.check(known.jobName(), parameters);
        return queries.underInstanceLock(known.jobInstanceId(), () -> {
            ExecutionRow execution = requireExecution(executionId);
            Long mostRecent = execution.mostRecentOfInstance()
                    ? null
                    : queries.instance(execution.jobInstanceId())
                            .map(instance -> instance.latestExecutionId())
                            .orElse(null);
            refuseRestartOfRunning(execution);
            ExecutionRules.checkRestart(execution, mostRecent);
            if (catalog.find(execution.jobName())
                    .map(job -> !job.getRestartableBoolean())
                    .orElse(false)) {
                throw BatchRule.RESTART_JOB_NOT_RESTARTABLE.refuse(
                        "Job " + execution.jobName() + " is declared restartable=\"false\"");
            }
            catalog.register(execution.jobName());
            long newExecutionId = restartInRuntime(executionId, parameters);
            LOG.infof(
                    "Restarted job execution %d of job %s as execution %d",
                    executionId, execution.jobName(), newExecutionId);
            return new ExecutionIdVo(newExecutionId, execution.jobName());
        });
    }

    /**
     * Restart mode strict: an execution that is still STARTING, STARTED or STOPPING is never restarted, even when
     * its replica may have died; the lease decides that (an expired lease makes it FAILED, and then it restarts).
     */
    private void refuseRestartOfRunning(ExecutionRow execution) {
        if (!List.of("STARTING", "STARTED", "STOPPING").contains(execution.batchStatus())) {
            return;
        }
        String where = leases.leaseOf(execution.executionId())
                .map(lease -> " on replica " + lease.owner() + " (last heartbeat " + lease.heartbeatAt() + ")")
                .orElse("");
        throw BatchRule.RESTART_RUNNING.refuse(
                "Job execution " + execution.executionId() + " is "
                        + execution.batchStatus() + where
                        + "; restart mode is strict: a running execution is never restarted"
                        + " (only a STOPPED or FAILED one; a crashed replica's executions become FAILED when their lease expires)");
    }

    private long restartInRuntime(long executionId, Properties parameters) {
        try {
            return operator.restart(executionId, parameters);
        } catch (JobExecutionAlreadyCompleteException e) {
            throw BatchRule.RESTART_NOT_STOPPED_OR_FAILED.refuse("Job execution " + executionId
                    + " has completed; only a STOPPED or FAILED execution can be restarted");
        } catch (JobExecutionNotMostRecentException e) {
            throw BatchRule.RESTART_NOT_MOST_RECENT.refuse("Job execution " + executionId
                    + " is not the most recent execution of its instance; only that one can be restarted");
        } catch (NoSuchJobExecutionException e) {
            throw new ResourceNotFoundException("no-job-execution", "No job execution " + executionId);
        } catch (JobRestartException e) {
            throw BatchRule.RESTART_REFUSED.refuse(
                    "The batch runtime refused to restart job execution " + executionId + ": " + e.getMessage());
        }
    }

    public ExecutionIdVo stop(long executionId) {
        ExecutionRow execution = requireExecution(executionId);
        ExecutionRules.checkStop(execution);
        try {
            operator.stop(executionId);
        } catch (JobExecutionNotRunningException e) {
            // Ended between the check and the stop: the same answer the check would have given a moment later.
            ExecutionRules.checkStop(requireExecution(executionId));
            throw BatchRule.STOP_NOT_RUNNING.refuse("Job execution " + executionId + " is not running");
        } catch (NoSuchJobExecutionException e) {
            throw new ResourceNotFoundException("no-job-execution", "No job execution " + executionId);
        }
        LOG.infof("Stopping job execution %d of job %s", executionId, execution.jobName());
        return new ExecutionIdVo(executionId, execution.jobName());
    }

    /** Asks every running execution to stop; those that end on their own meanwhile are skipped. */
    public List<ExecutionIdVo> stopAll() {
        List<ExecutionIdVo> stopped = new ArrayList<>();
        for (ExecutionRow execution : queries.executionsIn(ExecutionRules.RUNNING)) {
            try {
                operator.stop(execution.executionId());
                stopped.add(new ExecutionIdVo(execution.executionId(), execution.jobName()));
            } catch (JobExecutionNotRunningException | NoSuchJobExecutionException e) {
                LOG.debugf("Job execution %d ended before it could be stopped", execution.executionId());
            } catch (BatchRuntimeException e) {
                // Stop all stops what it can; one execution the runtime cannot stop does not keep the others running.
                LOG.warnf(e, "Job execution %d could not be stopped", execution.executionId());
            }
        }
        return stopped;
    }

    /** Marks an ended execution ABANDONED: it never restarts, and neither does its instance from it. */
    public ExecutionIdVo abandon(long executionId) {
        ExecutionRow execution = requireExecution(executionId);
        ExecutionRules.checkAbandon(execution);
        try {
            operator.abandon(executionId);
        } catch (JobExecutionIsRunningException e) {
            throw BatchRule.ABANDON_RUNNING.refuse(
                    "Job execution " + executionId + " is running; only an ended execution can be abandoned");
        } catch (NoSuchJobExecutionException e) {
            throw new ResourceNotFoundException("no-job-execution", "No job execution " + executionId);
        }
        LOG.infof("Abandoned job execution %d of job %s", executionId, execution.jobName());
        return new ExecutionIdVo(executionId, execution.jobName());
    }

    private ExecutionRow requireExecution(long executionId) {
        return queries.execution(executionId)
                .orElseThrow(
                        () -> new ResourceNotFoundException("no-job-execution", "No job execution " + executionId));
    }
}
