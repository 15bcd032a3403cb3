package org.bdisuite.batchadmin.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.OpenTelemetry;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.bdisuite.batchadmin.config.PipelineConfig;
import org.bdisuite.batchadmin.persistence.JobDataSetRepository;
import org.bdisuite.batchadmin.persistence.OutboundDataSetRepository;
import org.bdisuite.batchadmin.persistence.OutboundDataSetRepository.ReadyDataSet;
import org.bdisuite.batchadmin.persistence.OutboundRowRepository;
import org.bdisuite.batchadmin.persistence.OutboundRowRepository.Partition;
import org.bdisuite.batchadmin.service.DataSetStates;
import org.bdisuite.batchadmin.service.Destinations;
import org.bdisuite.batchadmin.service.ExecutionProgress;
import org.bdisuite.batchadmin.service.PipelineJobs;
import org.bdisuite.model.api.receiver.BlockVo;
import org.bdisuite.runtime.error.ResourceNotFoundException;
import org.bdisuite.runtime.receiverclient.ReceiverClient;
import org.bdisuite.runtime.receiverclient.ReceiverEndpoint;
import org.bdisuite.runtime.tracing.TraceParents;
import org.bdisuite.runtime.tracing.TraceScope;
import org.jboss.logging.Logger;

/**
 * The downloader-transporter job: sends an outbound data set to a destination receiver-service over its REST
 * protocol (beginTransaction, a transmission per interface and partition, uploadDataBlock of itemCount rows each,
 * endTransmission, endTransaction). Where it sends and as whom is a stored destination (URL, credential, pinned
 * certificates), which the job names and an administrator alone defines: no job parameter is an address or a
 * credential. Staged rows are numbered, so block n of a partition always has the same bytes; before sending a
 * partition it asks the receiver which blocks it already holds and sends only the others. A restart after a failure
 * therefore resumes without sending a block twice.
 *
 * <p>Names as the BDI guide gives them: the transaction id is {@code Tx#<job instance id>} of this job (a restart is
 * the same instance, so it resumes the same receiver transaction), and a partition's name is its number ("1",
 * "2", ...). A transmission id is {@code <job instance id>-<n>}, n counting the data set's partitions across its
 * interfaces: the receiver addresses endTransmission by transmission id without the transaction, so the id must not
 * repeat in a later transaction, nor between two interfaces of one transaction (they share its folder).
 */
@Named("transporterBatchlet")
@Dependent
public class TransporterBatchlet extends AbstractBatchlet {

    private static final Logger LOG = Logger.getLogger(TransporterBatchlet.class);

    @Inject
    JobContext job;

    @Inject
    JobDataSetRepository jobDataSets;

    @Inject
    OutboundDataSetRepository outboundDataSets;

    @Inject
    OutboundRowRepository outboundRows;

    @Inject
    StepContext step;

    @Inject
    Destinations destinations;

    @Inject
    PipelineConfig config;

    @Inject
    ObjectMapper json;

    @Inject
    OpenTelemetry openTelemetry;

    @Inject
    JobTraces traces;

    @Inject
    DataSetGate gate;

    @Inject
    ExecutionProgress progress;

    @Inject
    @BatchProperty
    String dataSetId;

    @Inject
    @BatchProperty
    String itemCount;

    /** A stored destination's name; empty: suite.pipeline.receiver-destination. */
    @Inject
    @BatchProperty
    String destination;

    @Inject
    @BatchProperty
    String sourceSystemName;

    private int sent;
    private int skipped;
    /** Rows sent or found held by the receiver, for the console. */
    private ExecutionProgress.Reporter rowsDone;

    @Override
    public String process() {
        String module = JobModules.moduleOf(job);
        ReceiverClient receiver =
                new ReceiverClient(endpoint(or(destination, config.receiverDestination())), json, openTelemetry);
        Optional<Long> claimed = jobDataSets.claimedBy(job.getInstanceId());
        Optional<Long> dataSet = claimed.or(() -> blank(dataSetId)
                ? outboundDataSets.nextPending(job.getJobName(), module)
                : Optional.of(Long.parseLong(dataSetId.trim())));
        if (dataSet.isEmpty()) {
            return "NO_PENDING_DATA_SET";
        }
        long id = dataSet.get();
        Optional<String> refused = claimed.isPresent()
                ? gate.skippedOnRestart(DataSetStates.Kind.DOWNLOADER, id)
                : gate.blocked(DataSetStates.Kind.DOWNLOADER, module, id);
        if (refused.isPresent()) {
            return refused.get();
        }
        jobDataSets.claim(job.getJobName(), job.getInstanceId(), module, "DOWNLOADER", id);
        String source = or(sourceSystemName, config.sourceSystemName());
        int rowsPerBlock = blank(itemCount) ? 1000 : Integer.parseInt(itemCount.trim());

        ReadyDataSet outbound = outboundDataSets
                .ready(id)
                .orElseThrow(
                        () -> new IllegalStateException("Outbound data set " + id + " does not exist or is not ready"));
        // The extractor's trace, stored with the data set: the receiver's spans join it through the client's headers.
        try (TraceScope ignored = TraceScope.open(traces.continueTrace(
                job.getExecutionId(), job.getJobName(), TraceParents.parse(outbound.traceParent())))) {
            return transport(receiver, module, source, id, outbound, rowsPerBlock);
        }
    }

    /** Sends the data set: begin the transaction, each partition's missing blocks, end the transaction. */
    private String transport(
            ReceiverClient receiver, String module, String source, long id, ReadyDataSet outbound, int rowsPerBlock) {
        String transactionId = transactionId(job.getInstanceId());
        receiver.beginTransaction(new ReceiverClient.Transaction(
                transactionId, module, source, source, id, outbound.type(), outbound.readyTime()));
        List<Partition> partitions = outboundRows.partitions(id);
        rowsDone = progress.begin(
                job.getExecutionId(),
                partitions.stream().mapToLong(Partition::rows).sum());
        for (int n = 1; n <= partitions.size(); n++) {
            Partition partition = partitions.get(n - 1);
            ReceiverClient.Transmission transmission = new ReceiverClient.Transmission(
                    transactionId,
                    job.getInstanceId() + "-" + n,
                    source,
                    module,
                    partition.interfaceShortName(),
                    String.valueOf(partition.number()),
                    partition.firstSequence(),
                    partition.lastSequence(),
                    1);
            receiver.beginTransmission(transmission);
            Set<Integer> held = receiver.blocks(transmission)
                    .map(view ->
                            view.blocks().stream().map(BlockVo::blockNumber).collect(Collectors.toSet()))
                    .orElse(Set.of());
            int blocks = send(receiver, transmission, id, partition, rowsPerBlock, held);
            receiver.endTransmission(transmission, blocks);
        }
        receiver.endTransaction(transactionId, source, module);
        outboundDataSets.markSent(id, job.getInstanceId());
        rowsDone.finish(partitions.stream().mapToLong(Partition::rows).sum());
        LOG.infof(
                "Transported data set %d of %s as %s: %d blocks sent, %d already held by the receiver",
                id, module, transactionId, sent, skipped);
        return "SENT_" + sent + "_BLOCKS_SKIPPED_" + skipped;
    }

    /** The BDI guide's transaction id: Tx#&lt;job instance id of the downloader-transporter&gt;. */
    static String transactionId(long jobInstanceId) {
        return PipelineJobs.transporterTransactionId(jobInstanceId);
    }

    /** Sends the partition's lines in blocks of rowsPerBlock; returns the number of blocks it has. */
    private int send(
            ReceiverClient receiver,
            ReceiverClient.Transmission transmission,
            long id,
            Partition partition,
            int rowsPerBlock,
            Set<Integer> held) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(rowsPerBlock * 64);
        int[] block = {0};
        int[] lines = {0};
        outboundRows.forEachLine(id, partition, Math.max(rowsPerBlock, 100), line -> {
            bytes.writeBytes(line.getBytes(StandardCharsets.UTF_8));
            bytes.write('\n');
            if (++lines[0] == rowsPerBlock) {
                upload(receiver, transmission, ++block[0], lines[0], bytes, held);
                lines[0] = 0;
            }
        });
        if (lines[0] > 0) {
            upload(receiver, transmission, ++block[0], lines[0], bytes, held);
        }
        return block[0];
    }

    private void upload(
            ReceiverClient receiver,
            ReceiverClient.Transmission transmission,
            int block,
            int lines,
            ByteArrayOutputStream bytes,
            Set<Integer> held) {
        if (held.contains(block)) {
            skipped++;
        } else {
            receiver.uploadBlock(transmission, block, lines, bytes.toByteArray());
            sent++;
        }
        rowsDone.add(lines);
        bytes.reset();
    }

    /** The named destination, resolved before anything is claimed or sent; an unknown name ends the job here. */
    private ReceiverEndpoint endpoint(String name) {
        try {
            return destinations.receiverEndpoint(name, config.receiverTimeout(), config.receiverAttempts());
        } catch (ResourceNotFoundException e) {
            step.setExitStatus("NO_DESTINATION");
            throw new IllegalStateException(e.getMessage());
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String or(String value, String fallback) {
        return blank(value) ? fallback : value.trim();
    }
}
