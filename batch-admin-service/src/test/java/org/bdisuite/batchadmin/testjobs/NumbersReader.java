package org.bdisuite.batchadmin.testjobs;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;

/** Reads 1..count; its checkpoint is the last number read, so a restart resumes after the last committed chunk. */
@Named("numbersReader")
@Dependent
public class NumbersReader extends AbstractItemReader {

    @Inject
    @BatchProperty
    String count;

    private int last;

    @Override
    public void open(Serializable checkpoint) {
        last = checkpoint == null ? 0 : (Integer) checkpoint;
    }

    @Override
    public Object readItem() {
        return last < Integer.parseInt(count) ? ++last : null;
    }

    @Override
    public Serializable checkpointInfo() {
        return last;
    }
}
