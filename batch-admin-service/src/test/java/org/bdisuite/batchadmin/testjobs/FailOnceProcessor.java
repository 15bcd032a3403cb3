package org.bdisuite.batchadmin.testjobs;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Fails on item failAt in the first execution of each job instance; passes every item afterwards. */
@Named("failOnceProcessor")
@Dependent
public class FailOnceProcessor implements ItemProcessor {

    private static final Set<Long> FAILED_INSTANCES = ConcurrentHashMap.newKeySet();

    @Inject
    JobContext jobContext;

    @Inject
    @BatchProperty
    String failAt;

    @Override
    public Object processItem(Object item) {
        if ((Integer) item == Integer.parseInt(failAt) && FAILED_INSTANCES.add(jobContext.getInstanceId())) {
            throw new IllegalStateException("Test failure at item " + item);
        }
        return item;
    }
}
