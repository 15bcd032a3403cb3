package org.bdisuite.batchadmin.jobs;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Extractor, step 2 reader: the source rows of every interface of the module, one interface after the other, each
 * through a server-side cursor (fetchSize rows at a time, never the whole result). Its checkpoint is the interface
 * and the number of rows read, so a restart skips what committed chunks already staged; that needs the source
 * query's deterministic ORDER BY.
 */
@Named("extractorReader")
@Dependent
public class ExtractorReader extends AbstractItemReader {

    @Inject
    JobContext job;

    @Inject
    PipelineStore store;

    @Inject
    @DataSource("unmanaged")
    AgroalDataSource dataSource;

    @Inject
    @BatchProperty
    String fetchSize;

    private List<PipelineInterface> interfaces;
    private int interfaceIndex;
    private long rowsRead;
    private Connection connection;
    private PreparedStatement statement;
    private ResultSet rows;
    private int columns;

    @Override
    public void open(Serializable checkpoint) throws Exception {
        interfaces = store.interfaces(JobModules.moduleOf(job));
        if (checkpoint instanceof long[] position) {
            interfaceIndex = (int) position[0];
            rowsRead = position[1];
        }
        // The cursor lives across the chunk transactions, so its connection comes from the pool without JTA.
        connection = dataSource.getConnection();
        connection.setAutoCommit(false);
        connection.setReadOnly(true);
    }

    @Override
    public Object readItem() throws Exception {
        while (interfaceIndex < interfaces.size()) {
            if (rows == null) {
                openCursor(interfaces.get(interfaceIndex), rowsRead);
            }
            if (rows.next()) {
                rowsRead++;
                return new OutboundRow(
                        interfaces.get(interfaceIndex).shortName(), rowsRead, CsvLines.line(rows, columns));
            }
            closeCursor();
            interfaceIndex++;
            rowsRead = 0;
        }
        return null;
    }

    @Override
    public Serializable checkpointInfo() {
        return new long[] {interfaceIndex, rowsRead};
    }

    @Override
    public void close() throws Exception {
        closeCursor();
        if (connection != null) {
            connection.rollback();
            connection.close();
            connection = null;
        }
    }

    private void openCursor(PipelineInterface source, long skip) throws SQLException {
        statement = connection.prepareStatement(
                source.sourceQuery(), ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        statement.setFetchSize(fetchSize == null || fetchSize.isBlank() ? 1000 : Integer.parseInt(fetchSize.trim()));
        rows = statement.executeQuery();
        columns = rows.getMetaData().getColumnCount();
        for (long i = 0; i < skip && rows.next(); i++) {
            // already staged by an earlier execution
        }
    }

    private void closeCursor() throws SQLException {
        if (rows != null) {
            rows.close();
            rows = null;
        }
        if (statement != null) {
            statement.close();
            statement = null;
        }
    }
}
