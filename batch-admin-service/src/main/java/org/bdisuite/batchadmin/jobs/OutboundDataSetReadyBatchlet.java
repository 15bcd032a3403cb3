package org.bdisuite.batchadmin.jobs;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Extractor, step 3: the data set is ready (its ready time set), and pending for the transporter. */
@Named("outboundDataSetReadyBatchlet")
@Dependent
public class OutboundDataSetReadyBatchlet extends AbstractBatchlet {

    @Inject
    JobContext job;

    @Inject
    PipelineStore store;

    @Override
    public String process() {
        long id = store.claimedBy(job.getInstanceId())
                .orElseThrow(
                        () -> new IllegalStateException("Job instance " + job.getInstanceId() + " has no data set"));
        store.markExtracted(id, job.getInstanceId());
        return "DATA_SET_" + id + "_READY";
    }
}
