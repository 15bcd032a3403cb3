package org.bdisuite.batchadmin.jobs;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.Optional;
import org.bdisuite.batchadmin.persistence.OutboundRow;
import org.bdisuite.batchadmin.persistence.PipelineInterface;
import org.bdisuite.batchadmin.persistence.PipelineInterfaceRepository;
import org.bdisuite.batchadmin.persistence.SourceRows;

/**
 * Extractor, step 2 reader: the source rows of every interface of the module, one interface after the other, each
 * through a server-side cursor. Its checkpoint is the interface and the number of rows read, so a restart skips
 * what committed chunks already staged; that needs the source query's deterministic ORDER BY.
 */
@Named("extractorReader")
@Dependent
public class ExtractorReader extends AbstractItemReader {

    @Inject
    JobContext job;

    @Inject
    PipelineInterfaceRepository pipelineInterfaces;

    @Inject
    SourceRows sourceRows;

    @Inject
    @BatchProperty
    String fetchSize;

    private List<PipelineInterface> interfaces;
    private int interfaceIndex;
    private long rowsRead;
    private SourceRows.Session session;

    @Override
    public void open(Serializable checkpoint) throws Exception {
        interfaces = pipelineInterfaces.interfaces(JobModules.moduleOf(job));
        if (checkpoint instanceof long[] position) {
            interfaceIndex = (int) position[0];
            rowsRead = position[1];
        }
        session = sourceRows.open();
    }

    @Override
    public Object readItem() throws Exception {
        while (interfaceIndex < interfaces.size()) {
            PipelineInterface source = interfaces.get(interfaceIndex);
            if (!session.hasCursor()) {
                session.openCursor(source.sourceQuery(), rowsPerFetch(), rowsRead);
            }
            Optional<String> line = session.nextLine();
            if (line.isPresent()) {
                rowsRead++;
                return new OutboundRow(source.shortName(), rowsRead, line.get());
            }
            session.closeCursor();
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
        if (session != null) {
            session.close();
            session = null;
        }
    }

    private int rowsPerFetch() {
        return fetchSize == null || fetchSize.isBlank() ? 1000 : Integer.parseInt(fetchSize.trim());
    }
}
