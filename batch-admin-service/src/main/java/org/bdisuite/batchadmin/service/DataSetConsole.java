package org.bdisuite.batchadmin.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bdisuite.batchadmin.api.DataSetStateVo;
import org.bdisuite.batchadmin.persistence.DataSetStateRow;
import org.bdisuite.batchadmin.persistence.JobDataSetRepository;
import org.bdisuite.batchadmin.service.DataSetStates.Kind;

/**
 * What the console's Data sets page reads: the newest data sets of each kind with their states as the Data Service
 * reports them ({@link DataSetStates}), the FAILED set that a PENDING one waits for, and the job instances that
 * worked on each. The page's retry and skip go through {@link DataSetStates} too, the same rules and audit as the
 * REST API's.
 */
@ApplicationScoped
public class DataSetConsole {

    /** A job instance that worked on a data set. */
    public record Worker(String jobName, long jobInstanceId) {}

    /**
     * One data set on the page.
     *
     * @param blockedBy the FAILED set of the same module that this PENDING set waits for; null when none
     * @param workers   the job instances that worked on it, oldest first
     */
    public record DataSetRow(DataSetStateVo state, DataSetStateVo blockedBy, List<Worker> workers) {

        /** The set's id on the page: its kind and data set id ({@code uploader-12}). */
        public String key() {
            return state.kind() + "-" + state.dataSetId();
        }

        public boolean failed() {
            return DataSetStateRow.FAILED.equals(state.state());
        }

        public boolean skipped() {
            return DataSetStateRow.SKIPPED.equals(state.state());
        }
    }

    private final DataSetStates states;
    private final JobDataSetRepository claims;

    public DataSetConsole(DataSetStates states, JobDataSetRepository claims) {
        this.states = states;
        this.claims = claims;
    }

    /** The newest {@code limit} data sets of a kind, newest first. */
    public List<DataSetRow> newest(Kind kind, int limit) {
        List<DataSetStateVo> sets = states.newest(kind, limit);
        Map<Long, List<JobDataSetRepository.JobDataSet>> workers = claims.forDataSets(
                kind.name(), sets.stream().map(DataSetStateVo::dataSetId).toList());
        Map<String, Optional<DataSetStateVo>> earliestFailed = new HashMap<>();
        return sets.stream()
                .map(set -> new DataSetRow(
                        set,
                        blocker(kind, set, earliestFailed),
                        workers.getOrDefault(set.dataSetId(), List.of()).stream()
                                .map(claim -> new Worker(claim.jobName(), claim.jobInstanceId()))
                                .toList()))
                .toList();
    }

    /** A PENDING set waits while an earlier set of its module is FAILED (the module's oldest one is asked once). */
    private DataSetStateVo blocker(Kind kind, DataSetStateVo set, Map<String, Optional<DataSetStateVo>> cache) {
        if (!DataSetStateRow.PENDING.equals(set.state())) {
            return null;
        }
        return cache.computeIfAbsent(set.interfaceModule(), module -> states.earliestFailed(kind, module))
                .filter(failed -> failed.dataSetId() < set.dataSetId())
                .orElse(null);
    }
}
