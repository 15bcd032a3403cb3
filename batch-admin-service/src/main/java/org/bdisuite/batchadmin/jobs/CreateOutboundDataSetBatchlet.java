package org.bdisuite.batchadmin.jobs;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.bdisuite.batchadmin.persistence.OutboundDataSetRepository;
import org.bdisuite.model.DataSetType;
import org.bdisuite.runtime.tracing.TraceParents;

/** Extractor, step 1: the outbound data set of this job instance (FULL or PARTIAL, N partitions). */
@Named("createOutboundDataSetBatchlet")
@Dependent
public class CreateOutboundDataSetBatchlet extends AbstractBatchlet {

    @Inject
    JobContext job;

    @Inject
    OutboundDataSetRepository outboundDataSets;

    @Inject
    JobTraces traces;

    @Inject
    @BatchProperty
    String dataSetType;

    @Inject
    @BatchProperty
    String partitions;

    @Override
    public String process() {
        DataSetType type =
                DataSetType.valueOf(dataSetType == null || dataSetType.isBlank() ? "FULL" : dataSetType.trim());
        int count = partitions == null || partitions.isBlank() ? 1 : Integer.parseInt(partitions.trim());
        if (count < 1 || count > 1000) {
            throw new IllegalArgumentException("partitions must be from 1 to 1000, not " + count);
        }
        // The data set's trace begins here: the transporter and the importer continue it.
        Span span = traces.span(job.getExecutionId(), job.getJobName());
        long id = outboundDataSets.createFor(
                job.getJobName(),
                job.getInstanceId(),
                JobModules.moduleOf(job),
                type.name(),
                count,
                TraceParents.of(Context.root().with(span)));
        return "DATA_SET_" + id;
    }
}
