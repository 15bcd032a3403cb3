package org.bdisuite.batchadmin.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bdisuite.batchadmin.api.DataSetSkip;
import org.bdisuite.batchadmin.api.DataSetStateVo;
import org.bdisuite.batchadmin.error.BatchRule;
import org.bdisuite.batchadmin.persistence.DataSetActionRepository;
import org.bdisuite.batchadmin.persistence.DataSetStateRow;
import org.bdisuite.batchadmin.persistence.HandOverStore;
import org.bdisuite.batchadmin.persistence.JobDataSetRepository;
import org.bdisuite.batchadmin.persistence.JobDataSetRepository.DataSetClaim;
import org.bdisuite.batchadmin.persistence.OutboundDataSetRepository;
import org.bdisuite.runtime.error.InvalidRequestException;
import org.bdisuite.runtime.error.ResourceNotFoundException;
import org.bdisuite.runtime.events.SuiteEventKind;
import org.bdisuite.runtime.persistence.SuiteEventStore;

/**
 * Data set states (docs/ARCHITECTURE.md, "Data set states and failure causes"): a pipeline job that fails on a data
 * set marks it FAILED with the cause (and one DATA_SET_FAILED event, in the same transaction); a FAILED set blocks
 * the later sets of its interface module until an administrator retries it (PENDING again) or skips it (SKIPPED;
 * the later sets go on). Both actions are audited, idempotent, and refused (409) from any other state.
 */
@ApplicationScoped
public class DataSetStates {

    /** A data set's kind as the Data Service's paths name it, and as bdi_job_data_set does. */
    public enum Kind {
        DOWNLOADER,
        UPLOADER;

        /** The path segment ({@code downloader}, {@code uploader}); anything else is a 400. */
        public static Kind of(String segment) {
            for (Kind kind : values()) {
                if (kind.segment().equals(segment)) {
                    return kind;
                }
            }
            throw InvalidRequestException.forField("dataSetKind", "must be downloader or uploader");
        }

        public String segment() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static final String RETRY = "RETRY";
    static final String SKIP = "SKIP";
    private static final int REASON_MAX = 1000;
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private final OutboundDataSetRepository outbound;
    private final HandOverStore received;
    private final JobDataSetRepository claims;
    private final DataSetActionRepository actions;
    private final SuiteEventStore events;

    public DataSetStates(
            OutboundDataSetRepository outbound,
            HandOverStore received,
            JobDataSetRepository claims,
            DataSetActionRepository actions,
            SuiteEventStore events) {
        this.outbound = outbound;
        this.received = received;
        this.claims = claims;
        this.actions = actions;
        this.events = events;
    }

    /**
     * A step of a pipeline job failed: the data set its instance claimed (if any) becomes FAILED with the cause, and
     * one DATA_SET_FAILED event is recorded with it. A set already loaded, sent or skipped stays as it is.
     */
    public void failed(String jobName, long jobInstanceId, long jobExecutionId, String cause) {
        if (PipelineJobs.parse(jobName).isEmpty()) {
            return;
        }
        DataSetClaim claim = claims.forInstances(List.of(jobInstanceId)).get(jobInstanceId);
        if (claim == null) {
            return;
        }
        Kind kind = Kind.valueOf(claim.kind());
        QuarkusTransaction.requiringNew().run(() -> {
            boolean marked = kind == Kind.UPLOADER
                    ? received.markFailed(claim.dataControlId(), cause, jobName, jobExecutionId)
                    : outbound.markFailed(claim.dataControlId(), cause, jobName, jobExecutionId);
            if (marked) {
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("kind", kind.segment());
                details.put("dataSetId", claim.dataControlId());
                details.put("interfaceModule", claim.interfaceModule());
                details.put("jobName", jobName);
                details.put("jobExecutionId", jobExecutionId);
                details.put("cause", cause);
                events.record(
                        SuiteEventKind.DATA_SET_FAILED,
                        claim.interfaceModule(),
                        "data-set:" + kind + ":" + claim.dataControlId() + ":failed-in:" + jobExecutionId,
                        details);
            }
        });
    }

    /**
     * The FAILED set that keeps a job from taking {@code candidate}: the candidate itself when it is FAILED, else the
     * module's oldest FAILED set before it.
     */
    public Optional<DataSetStateRow> blocking(Kind kind, String interfaceModule, long candidate) {
        Optional<DataSetStateRow> state = find(kind, candidate);
        if (state.isPresent() && DataSetStateRow.FAILED.equals(state.get().state())) {
            return state;
        }
        return kind == Kind.UPLOADER
                ? received.earliestFailed(interfaceModule, candidate)
                : outbound.earliestFailed(interfaceModule, candidate);
    }

    /** Whether an administrator skipped the set (a restarted job then leaves it alone). */
    public boolean skipped(Kind kind, long dataSetId) {
        return find(kind, dataSetId)
                .map(row -> DataSetStateRow.SKIPPED.equals(row.state()))
                .orElse(false);
    }

    /** What a run that a FAILED set blocks says in its exit message. */
    public static String blockedMessage(DataSetStateRow blocker) {
        return "Data set " + blocker.dataSetId() + " of " + blocker.interfaceModule()
                + (blocker.transactionId() != null ? " (transaction " + blocker.transactionId() + ")" : "")
                + " is FAILED since " + blocker.failedAt() + " (" + blocker.failedJobName() + ", execution "
                + blocker.failedJobExecutionId() + "): " + blocker.cause()
                + ". Later data sets of the module wait until it is retried or skipped (Data Service, POST"
                + " /data/dataset/" + blocker.kind().toLowerCase(Locale.ROOT) + "/" + blocker.dataSetId()
                + "/retry or /skip)";
    }

    /** The newest {@code limit} sets of a kind with their states, newest first. */
    public List<DataSetStateVo> newest(Kind kind, int limit) {
        List<DataSetStateRow> rows =
                kind == Kind.UPLOADER ? received.newestStates(limit) : outbound.newestStates(limit);
        return rows.stream().map(row -> toVo(kind, row)).toList();
    }

    /** The module's oldest FAILED set of a kind: every later set of the module waits for it. */
    public Optional<DataSetStateVo> earliestFailed(Kind kind, String interfaceModule) {
        return (kind == Kind.UPLOADER
                        ? received.earliestFailed(interfaceModule, null)
                        : outbound.earliestFailed(interfaceModule, null))
                .map(row -> toVo(kind, row));
    }

    public DataSetStateVo view(String kindSegment, long dataSetId) {
        Kind kind = Kind.of(kindSegment);
        return toVo(kind, find(kind, dataSetId).orElseThrow(() -> noDataSet(kind, dataSetId)));
    }

    /** FAILED -> PENDING: the set is taken again by the next run. Retrying a retried set answers the same. */
    public DataSetStateVo retry(String kindSegment, long dataSetId, String user) {
        Kind kind = Kind.of(kindSegment);
        return QuarkusTransaction.requiringNew().call(() -> {
            DataSetStateRow row = lock(kind, dataSetId);
            if (DataSetStateRow.PENDING.equals(row.state()) && RETRY.equals(row.lastAction())) {
                return toVo(kind, row);
            }
            if (DataSetStateRow.SKIPPED.equals(row.state())) {
                throw BatchRule.DATA_SET_SKIPPED.refuse("Data set " + dataSetId + " was skipped by " + row.changedBy()
                        + "; a skipped set is not retried");
            }
            requireFailed(row, RETRY);
            return act(kind, row, DataSetStateRow.PENDING, RETRY, user, null);
        });
    }

    /** FAILED -> SKIPPED: later sets of the module go on without it. Skipping a skipped set answers the same. */
    public DataSetStateVo skip(String kindSegment, long dataSetId, DataSetSkip skip, String user) {
        Kind kind = Kind.of(kindSegment);
        String reason = reason(skip);
        return QuarkusTransaction.requiringNew().call(() -> {
            DataSetStateRow row = lock(kind, dataSetId);
            if (DataSetStateRow.SKIPPED.equals(row.state())) {
                return toVo(kind, row);
            }
            requireFailed(row, SKIP);
            return act(kind, row, DataSetStateRow.SKIPPED, SKIP, user, reason);
        });
    }

    private DataSetStateVo act(Kind kind, DataSetStateRow row, String state, String action, String user, String why) {
        if (kind == Kind.UPLOADER) {
            received.act(row.dataSetId(), state, action, user, why);
        } else {
            outbound.act(row.dataSetId(), state, action, user, why);
        }
        actions.record(
                kind.name(), row.dataSetId(), row.interfaceModule(), action, row.state(), row.cause(), why, user);
        return toVo(kind, find(kind, row.dataSetId()).orElseThrow());
    }

    private static void requireFailed(DataSetStateRow row, String action) {
        if (!DataSetStateRow.FAILED.equals(row.state())) {
            throw BatchRule.DATA_SET_NOT_FAILED.refuse("Data set " + row.dataSetId() + " is " + row.state()
                    + ", not FAILED: only a FAILED data set is " + (RETRY.equals(action) ? "retried" : "skipped"));
        }
    }

    private static String reason(DataSetSkip skip) {
        String reason =
                skip == null || skip.reason() == null ? "" : skip.reason().strip();
        if (reason.isEmpty()
                || reason.length() > REASON_MAX
                || CONTROL.matcher(reason).find()) {
            throw InvalidRequestException.forField(
                    "reason", "must be 1 to " + REASON_MAX + " characters without control characters");
        }
        return reason;
    }

    private DataSetStateRow lock(Kind kind, long dataSetId) {
        return (kind == Kind.UPLOADER ? received.lockState(dataSetId) : outbound.lockState(dataSetId))
                .orElseThrow(() -> noDataSet(kind, dataSetId));
    }

    private Optional<DataSetStateRow> find(Kind kind, long dataSetId) {
        return kind == Kind.UPLOADER ? received.state(dataSetId) : outbound.state(dataSetId);
    }

    private static ResourceNotFoundException noDataSet(Kind kind, long dataSetId) {
        return new ResourceNotFoundException("no-data-set", "No " + kind.segment() + " data set " + dataSetId);
    }

    private static DataSetStateVo toVo(Kind kind, DataSetStateRow row) {
        return new DataSetStateVo(
                kind.segment(),
                row.dataSetId(),
                row.interfaceModule(),
                row.transactionId(),
                row.dataSetType(),
                row.state(),
                row.cause(),
                row.failedAt(),
                row.failedJobName(),
                row.failedJobExecutionId(),
                row.lastAction(),
                row.changedBy(),
                row.changedAt(),
                row.skipReason());
    }
}
