package org.bdisuite.batchadmin.jobs;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.bdisuite.batchadmin.persistence.HandOverStore;
import org.bdisuite.batchadmin.persistence.HandOverStore.ReceivedFile;
import org.bdisuite.batchadmin.persistence.InboundTables;
import org.bdisuite.batchadmin.persistence.JobDataSetRepository;
import org.bdisuite.batchadmin.persistence.PipelineInterfaceRepository;
import org.bdisuite.batchadmin.service.DataSetStates;
import org.bdisuite.batchadmin.service.ExecutionProgress;
import org.bdisuite.runtime.tracing.TraceParents;
import org.bdisuite.runtime.tracing.TraceScope;
import org.jboss.logging.Logger;

/**
 * The importer (uploader) job: loads a received data set into each interface's inbound table with PostgreSQL COPY.
 * What it loads is exactly the file list the receiver handed over with the data set (bdi_upldr_data_set_file, child
 * of the handshake row bdi_upldr_iface_mod_data_ctl): it reads no other receiver table and never derives a file
 * name. Each file is checked while it streams against the rows, bytes and SHA-256 the receiver recorded; every file
 * and the data set's "consumed" mark are ONE database transaction, so a failure or a mismatch anywhere loads
 * nothing and a restart loads every row exactly once; the unique "completed" index refuses a second instance
 * loading the same set. A FAILED data set of the module keeps it from loading that set or any later one
 * ({@link DataSetGate}).
 */
@Named("importerBatchlet")
@Dependent
public class ImporterBatchlet extends AbstractBatchlet {

    private static final Logger LOG = Logger.getLogger(ImporterBatchlet.class);

    @Inject
    JobContext job;

    @Inject
    JobDataSetRepository jobDataSets;

    @Inject
    HandOverStore handOver;

    @Inject
    PipelineInterfaceRepository pipelineInterfaces;

    @Inject
    InboundTables inboundTables;

    @Inject
    JobTraces traces;

    @Inject
    DataSetGate gate;

    @Inject
    ExecutionProgress progress;

    /** The data set to load (its uploader data-control id); empty takes the module's next pending one. */
    @Inject
    @BatchProperty
    String dataSetId;

    @Override
    public String process() throws IOException {
        String module = JobModules.moduleOf(job);
        Optional<Long> claimed = jobDataSets.claimedBy(job.getInstanceId());
        Optional<Long> dataSet = claimed.or(() -> dataSetId == null || dataSetId.isBlank()
                ? handOver.nextPending(job.getJobName(), module)
                : Optional.of(Long.parseLong(dataSetId.trim())));
        if (dataSet.isEmpty()) {
            return "NO_PENDING_DATA_SET";
        }
        long id = dataSet.get();
        Optional<String> refused = claimed.isPresent()
                ? gate.skippedOnRestart(DataSetStates.Kind.UPLOADER, id)
                : gate.blocked(DataSetStates.Kind.UPLOADER, module, id);
        if (refused.isPresent()) {
            return refused.get();
        }
        List<ReceivedFile> files = handOver.files(id, module);
        if (files.isEmpty()) {
            throw new IllegalStateException("No received data set " + id + " of " + module + " with files");
        }
        jobDataSets.claim(job.getJobName(), job.getInstanceId(), module, "UPLOADER", id);
        // The transporter's trace, stored by the receiver with its hand-over.
        try (TraceScope ignored = TraceScope.open(traces.continueTrace(
                job.getExecutionId(), job.getJobName(), handOver.traceParent(id).flatMap(TraceParents::parse)))) {
            return load(module, id, files);
        }
    }

    private String load(String module, long id, List<ReceivedFile> files) throws IOException {
        Map<String, String> tables = new HashMap<>();
        pipelineInterfaces.interfaces(module).forEach(source -> tables.put(source.shortName(), source.inboundTable()));
        List<InboundTables.Load> loads = new ArrayList<>();
        List<VerifiedFile> verified = new ArrayList<>();
        ExecutionProgress.Reporter rowsDone = progress.begin(job.getExecutionId(), recordedRows(files));
        for (ReceivedFile file : files) {
            String table = tables.get(file.interfaceShortName());
            if (table == null) {
                throw new IllegalStateException(
                        "Interface " + file.interfaceShortName() + " has no inbound table (bdi_interface_pipeline)");
            }
            VerifiedFile check = new VerifiedFile(file, rowsDone::add);
            verified.add(check);
            loads.add(new InboundTables.Load(table, () -> check.open(Files.newInputStream(file.path()))));
        }
        OptionalLong rows = inboundTables.loadAll(
                loads,
                job.getInstanceId(),
                id,
                (index, copied) -> verified.get(index).requireAsRecorded(copied));
        rows.ifPresent(rowsDone::finish);
        if (rows.isEmpty()) {
            LOG.infof(
                    "Data set %d of %s was imported by an earlier execution of this job; not loaded again", id, module);
            return "ALREADY_IMPORTED";
        }
        LOG.infof("Imported data set %d of %s: %d files, %d rows", id, module, files.size(), rows.getAsLong());
        return "IMPORTED_" + rows.getAsLong() + "_ROWS";
    }

    /** The data set's rows as the receiver recorded them per file; null when a file has no count (older hand-over). */
    private static Long recordedRows(List<ReceivedFile> files) {
        long total = 0;
        for (ReceivedFile file : files) {
            if (file.rows() == null) {
                return null;
            }
            total += file.rows();
        }
        return total;
    }
}
