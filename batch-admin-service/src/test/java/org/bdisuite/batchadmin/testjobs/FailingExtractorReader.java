package org.bdisuite.batchadmin.testjobs;

import jakarta.batch.api.BatchProperty;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.bdisuite.batchadmin.jobs.ExtractorReader;

/**
 * Test only: the extractor's reader that fails when this execution has read failAfterRows rows, so that a test sees
 * a failed extractor restart from its last checkpoint. The production job XMLs have no such parameter.
 */
@Named("failingExtractorReader")
@Dependent
public class FailingExtractorReader extends ExtractorReader {

    @Inject
    @BatchProperty
    String failAfterRows;

    private long readInThisExecution;

    @Override
    public Object readItem() throws Exception {
        Object row = super.readItem();
        if (row != null && failAfterRows != null && ++readInThisExecution >= Long.parseLong(failAfterRows)) {
            throw new IllegalStateException("Test fault: failing after reading " + readInThisExecution + " rows");
        }
        return row;
    }
}
