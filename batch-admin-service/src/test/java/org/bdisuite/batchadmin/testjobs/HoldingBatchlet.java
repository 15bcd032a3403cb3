package org.bdisuite.batchadmin.testjobs;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The first execution of a job instance holds until it is stopped; later executions complete at once. */
@Named("holdingBatchlet")
@Dependent
public class HoldingBatchlet extends AbstractBatchlet {

    private static final Set<Long> HELD_INSTANCES = ConcurrentHashMap.newKeySet();

    @Inject
    JobContext jobContext;

    private final CountDownLatch stopped = new CountDownLatch(1);

    /** Whether the first execution of this instance is holding now (so a stop reaches the batchlet). */
    public static boolean holding(long instanceId) {
        return HELD_INSTANCES.contains(instanceId);
    }

    @Override
    public String process() throws Exception {
        if (!HELD_INSTANCES.add(jobContext.getInstanceId())) {
            return "COMPLETED";
        }
        if (!stopped.await(5, TimeUnit.MINUTES)) {
            throw new IllegalStateException("Nobody stopped the held execution");
        }
        return "STOPPED";
    }

    @Override
    public void stop() {
        stopped.countDown();
    }
}
