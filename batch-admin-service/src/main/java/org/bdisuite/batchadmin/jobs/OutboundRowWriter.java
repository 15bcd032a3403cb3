package org.bdisuite.batchadmin.jobs;

import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.bdisuite.batchadmin.persistence.JobDataSetRepository;
import org.bdisuite.batchadmin.persistence.OutboundDataSetRepository;
import org.bdisuite.batchadmin.persistence.OutboundRow;
import org.bdisuite.batchadmin.persistence.OutboundRowRepository;

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
    JobDataSetRepository jobDataSets;

    @Inject
    OutboundDataSetRepository outboundDataSets;

    @Inject
    OutboundRowRepository outboundRows;

    private long dataControlId;
    private int partitions;

    @Override
    public void open(Serializable checkpoint) {
        dataControlId = jobDataSets
                .claimedBy(job.getInstanceId())
                .orElseThrow(
                        () -> new IllegalStateException("Job instance " + job.getInstanceId() + " has no data set"));
        partitions = outboundDataSets.partitionsOf(dataControlId);
    }

    @Override
    public void writeItems(List<Object> items) throws Exception {
        outboundRows.stage(
                dataControlId,
                partitions,
                items.stream().map(OutboundRow.class::cast).toList());
    }
}
