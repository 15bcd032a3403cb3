package org.bdisuite.batchadmin.jobs;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.bdisuite.batchadmin.persistence.JobDataSetRepository;
import org.bdisuite.batchadmin.persistence.OutboundDataSetRepository;

/** Extractor, step 3: the data set is ready (its ready time set), and pending for the transporter. */
@Named("outboundDataSetReadyBatchlet")
@Dependent
public class OutboundDataSetReadyBatchlet extends AbstractBatchlet {

    @Inject
    JobContext job;

    @Inject
    JobDataSetRepository jobDataSets;

    @Inject
    OutboundDataSetRepository outboundDataSets;

    @Override
    public String process() {
        long id = jobDataSets
                .claimedBy(job.getInstanceId())
                .orElseThrow(
                        () -> new IllegalStateException("Job instance " + job.getInstanceId() + " has no data set"));
        outboundDataSets.markExtracted(id, job.getInstanceId());
        return "DATA_SET_" + id + "_READY";
    }
}
