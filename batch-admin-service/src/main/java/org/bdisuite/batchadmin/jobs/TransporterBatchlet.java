package org.bdisuite.batchadmin.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.bdisuite.batchadmin.config.PipelineConfig;
import org.bdisuite.batchadmin.persistence.DataSetQueries;
import org.bdisuite.batchadmin.service.Destinations;
import org.bdisuite.model.DataSetType;
import org.bdisuite.model.api.receiver.BlockVo;
import org.bdisuite.runtime.error.ResourceNotFoundException;
import org.bdisuite.runtime.receiverclient.ReceiverClient;
import org.bdisuite.runtime.receiverclient.ReceiverEndpoint;
import org.jboss.logging.Logger;

/**
 * The downloader-transporter job: sends an outbound data set to a destination receiver-service over its REST
 * protocol (beginTransaction, a transmission per interface and partition, uploadDataBlock of itemCount rows each,
 * endTransmission, endTransaction). Where it sends and as whom is a stored destination (URL, credential, pinned
 * certificates), which the job names and an administrator alone defines: no job parameter is an address or a
 * credential. Staged rows are numbered, so block n of a partition always has the same bytes; before sending a
 * partition it asks the receiver which blocks it already holds and sends only the others. A restart after a failure
 * therefore resumes without sending a block twice.
 */
@Named("transporterBatchlet")
@Dependent
public class TransporterBatchlet extends AbstractBatchlet {

    private static final Logger LOG = Logger.getLogger(TransporterBatchlet.class);

    @Inject
    JobContext job;

    @Inject
    PipelineStore store;

    @Inject
    DataSetQueries dataSets;

    @Inject
    StepContext step;

    @Inject
    Destinations destinations;

    @Inject
    PipelineConfig config;

    @Inject
    ObjectMapper json;

    @Inject
    @DataSource("unmanaged")
    AgroalDataSource cursors;

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

    @Override
    public String process() throws Exception {
        String module = JobModules.moduleOf(job);
        ReceiverClient receiver = new ReceiverClient(endpoint(or(destination, config.receiverDestination())), json);
        Optional<Long> dataSet = store.claimedBy(job.getInstanceId())
                .or(() -> blank(dataSetId)
                        ? dataSets.nextPending(job.getJobName(), module, "DOWNLOADER")
                        : Optional.of(Long.parseLong(dataSetId.trim())));
        if (dataSet.isEmpty()) {
            return "NO_PENDING_DATA_SET";
        }
        long id = dataSet.get();
        store.claim(job.getJobName(), job.getInstanceId(), module, "DOWNLOADER", id);
        String source = or(sourceSystemName, config.sourceSystemName());
        int rowsPerBlock = blank(itemCount) ? 1000 : Integer.parseInt(itemCount.trim());

        try (Connection connection = cursors.getConnection()) {
            connection.setAutoCommit(false);
            OutboundDataSet outbound = outbound(connection, id);
            String transactionId = module + "-DS" + id;
            receiver.beginTransaction(new ReceiverClient.Transaction(
                    transactionId, module, source, source, id, outbound.type(), outbound.readyTime()));
            for (Partition partition : partitions(connection, id)) {
                ReceiverClient.Transmission transmission = new ReceiverClient.Transmission(
                        transactionId,
                        "DS" + id + "-P" + partition.number(),
                        source,
                        module,
                        partition.interfaceShortName(),
                        "P" + partition.number(),
                        partition.firstSequence(),
                        partition.lastSequence(),
                        1);
                receiver.beginTransmission(transmission);
                Set<Integer> held = receiver.blocks(transmission)
                        .map(view ->
                                view.blocks().stream().map(BlockVo::blockNumber).collect(Collectors.toSet()))
                        .orElse(Set.of());
                int blocks = send(connection, receiver, transmission, id, partition, rowsPerBlock, held);
                receiver.endTransmission(transmission, blocks);
            }
            receiver.endTransaction(transactionId, source, module);
            connection.rollback();
        }
        try (Connection connection = cursors.getConnection()) {
            PipelineStore.completed(connection, job.getInstanceId());
        }
        LOG.infof(
                "Transported data set %d of %s: %d blocks sent, %d already held by the receiver",
                id, module, sent, skipped);
        return "SENT_" + sent + "_BLOCKS_SKIPPED_" + skipped;
    }

    private int send(
            Connection connection,
            ReceiverClient receiver,
            ReceiverClient.Transmission transmission,
            long id,
            Partition partition,
            int rowsPerBlock,
            Set<Integer> held)
            throws SQLException {
        try (PreparedStatement select =
                connection.prepareStatement("SELECT line FROM bdi_outbound_row WHERE data_ctl_id = ?"
                        + " AND interface_short_name = ? AND partition_number = ? ORDER BY sequence_number")) {
            select.setFetchSize(Math.max(rowsPerBlock, 100));
            select.setLong(1, id);
            select.setString(2, partition.interfaceShortName());
            select.setInt(3, partition.number());
            try (ResultSet rows = select.executeQuery()) {
                int block = 0;
                ByteArrayOutputStream bytes = new ByteArrayOutputStream(rowsPerBlock * 64);
                int lines = 0;
                while (rows.next()) {
                    bytes.writeBytes(rows.getString(1).getBytes(StandardCharsets.UTF_8));
                    bytes.write('\n');
                    if (++lines == rowsPerBlock) {
                        upload(receiver, transmission, ++block, lines, bytes, held);
                        lines = 0;
                    }
                }
                if (lines > 0) {
                    upload(receiver, transmission, ++block, lines, bytes, held);
                }
                return block;
            }
        }
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

    private record OutboundDataSet(DataSetType type, OffsetDateTime readyTime) {}

    private record Partition(String interfaceShortName, int number, long firstSequence, long lastSequence) {}

    private static OutboundDataSet outbound(Connection connection, long id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT data_set_type, data_set_ready_time FROM"
                + " bdi_dwnldr_iface_mod_data_ctl WHERE downloader_iface_mod_data_ctlid = ?")) {
            select.setLong(1, id);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next() || rows.getObject(2) == null) {
                    throw new IllegalStateException("Outbound data set " + id + " does not exist or is not ready");
                }
                return new OutboundDataSet(
                        DataSetType.valueOf(rows.getString(1)), rows.getObject(2, OffsetDateTime.class));
            }
        }
    }

    private static List<Partition> partitions(Connection connection, long id) throws SQLException {
        List<Partition> partitions = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT interface_short_name, partition_number,"
                + " min(sequence_number), max(sequence_number) FROM bdi_outbound_row WHERE data_ctl_id = ?"
                + " GROUP BY interface_short_name, partition_number ORDER BY interface_short_name, partition_number")) {
            select.setLong(1, id);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    partitions.add(new Partition(rows.getString(1), rows.getInt(2), rows.getLong(3), rows.getLong(4)));
                }
            }
        }
        return partitions;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String or(String value, String fallback) {
        return blank(value) ? fallback : value.trim();
    }
}
