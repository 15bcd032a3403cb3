package org.bdisuite.batchadmin.jobs;

import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import javax.sql.DataSource;

/**
 * Extractor, step 2 writer: stages a chunk of rows in the chunk's transaction (with the reader's checkpoint), each
 * row in partition ((sequence - 1) mod partitions) + 1.
 */
@Named("outboundRowWriter")
@Dependent
public class OutboundRowWriter extends AbstractItemWriter {

    @Inject
    JobContext job;

    @Inject
    PipelineStore store;

    @Inject
    DataSource dataSource;

    private long dataControlId;
    private int partitions;

    @Override
    public void open(java.io.Serializable checkpoint) throws Exception {
        dataControlId = store.claimedBy(job.getInstanceId())
                .orElseThrow(
                        () -> new IllegalStateException("Job instance " + job.getInstanceId() + " has no data set"));
        try (Connection connection = dataSource.getConnection()) {
            partitions = PipelineStore.single(
                            connection,
                            "SELECT num_partitions FROM bdi_dwnldr_iface_mod_data_ctl"
                                    + " WHERE downloader_iface_mod_data_ctlid = ?",
                            dataControlId)
                    .orElseThrow()
                    .intValue();
        }
    }

    @Override
    public void writeItems(List<Object> items) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO bdi_outbound_row (data_ctl_id,"
                        + " interface_short_name, partition_number, sequence_number, line) VALUES (?, ?, ?, ?, ?)")) {
            for (Object item : items) {
                OutboundRow row = (OutboundRow) item;
                insert.setLong(1, dataControlId);
                insert.setString(2, row.interfaceShortName());
                insert.setInt(3, (int) ((row.sequenceNumber() - 1) % partitions) + 1);
                insert.setLong(4, row.sequenceNumber());
                insert.setString(5, row.line());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
