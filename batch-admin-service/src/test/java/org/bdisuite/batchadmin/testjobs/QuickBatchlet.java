package org.bdisuite.batchadmin.testjobs;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;

/** Completes at once. */
@Named("quickBatchlet")
@Dependent
public class QuickBatchlet extends AbstractBatchlet {

    @Override
    public String process() {
        return "COMPLETED";
    }
}
