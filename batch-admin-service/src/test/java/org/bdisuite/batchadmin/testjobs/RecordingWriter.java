package org.bdisuite.batchadmin.testjobs;

import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import javax.sql.DataSource;

/** Writes each item with its job instance to batch_test_item, in the chunk's transaction. */
@Named("recordingWriter")
@Dependent
public class RecordingWriter extends AbstractItemWriter {

    @Inject
    JobContext jobContext;

    @Inject
    DataSource dataSource;

    @Override
    public void writeItems(List<Object> items) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert =
                        connection.prepareStatement("INSERT INTO batch_test_item (instance_id, item) VALUES (?, ?)")) {
            for (Object item : items) {
                insert.setLong(1, jobContext.getInstanceId());
                insert.setInt(2, (Integer) item);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
