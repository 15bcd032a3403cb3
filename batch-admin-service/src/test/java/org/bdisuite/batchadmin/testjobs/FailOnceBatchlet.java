package org.bdisuite.batchadmin.testjobs;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Fails in the first execution of each job instance; completes afterwards. */
@Named("failOnceBatchlet")
@Dependent
public class FailOnceBatchlet extends AbstractBatchlet {

    private static final Set<Long> FAILED_INSTANCES = ConcurrentHashMap.newKeySet();

    @Inject
    JobContext jobContext;

    @Override
    public String process() {
        if (FAILED_INSTANCES.add(jobContext.getInstanceId())) {
            throw new IllegalStateException("Test failure after the import");
        }
        return "COMPLETED";
    }
}
