package org.bdisuite.batchadmin.jobs;

import io.agroal.api.AgroalDataSource;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.bdisuite.batchadmin.persistence.DataSetQueries;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The importer (uploader) job: loads a received data set (a row of bdi_upldr_iface_mod_data_ctl) into each
 * interface's inbound table with PostgreSQL COPY, streaming each file. Every file of the data set is copied and
 * the data set marked consumed in ONE database transaction, so a failure anywhere loads nothing and a restart
 * loads every row exactly once; the unique "completed" index refuses a second instance loading the same set.
 */
@Named("importerBatchlet")
@Dependent
public class ImporterBatchlet extends AbstractBatchlet {

    private static final Logger LOG = Logger.getLogger(ImporterBatchlet.class);

    @Inject
    JobContext job;

    @Inject
    PipelineStore store;

    @Inject
    DataSetQueries dataSets;

    @Inject
    AgroalDataSource dataSource;

    /** The data set to load (its uploader data-control id); empty takes the module's next pending one. */
    @Inject
    @BatchProperty
    String dataSetId;

    @Override
    public String process() throws Exception {
        String module = JobModules.moduleOf(job);
        Optional<Long> dataSet = store.claimedBy(job.getInstanceId())
                .or(() -> dataSetId == null || dataSetId.isBlank()
                        ? dataSets.nextPending(job.getJobName(), module, "UPLOADER")
                        : Optional.of(Long.parseLong(dataSetId.trim())));
        if (dataSet.isEmpty()) {
            return "NO_PENDING_DATA_SET";
        }
        long id = dataSet.get();
        store.claim(job.getJobName(), job.getInstanceId(), module, "UPLOADER", id);
        Map<String, String> inboundTables = new LinkedHashMap<>();
        store.interfaces(module).forEach(source -> inboundTables.put(source.shortName(), source.inboundTable()));
        OptionalLong rows = load(id, inboundTables);
        if (rows.isEmpty()) {
            LOG.infof(
                    "Data set %d of %s was imported by an earlier execution of this job; not loaded again", id, module);
            return "ALREADY_IMPORTED";
        }
        LOG.infof("Imported data set %d of %s: %d rows", id, module, rows.getAsLong());
        return "IMPORTED_" + rows.getAsLong() + "_ROWS";
    }

    /**
     * Copies every file and marks the instance's data set done, in one transaction; empty (nothing loaded) when an
     * earlier execution of this instance already committed that (its replica died before the job's end was
     * recorded, and this is the restart).
     */
    private OptionalLong load(long dataControlId, Map<String, String> inboundTables) throws SQLException, IOException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                if (PipelineStore.lockAndCheckCompleted(connection, job.getInstanceId())) {
                    connection.rollback();
                    return OptionalLong.empty();
                }
                Map<String, List<Path>> files = filesOf(connection, dataControlId);
                CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
                long rows = 0;
                for (Map.Entry<String, List<Path>> ofInterface : files.entrySet()) {
                    String table = inboundTables.get(ofInterface.getKey());
                    if (table == null) {
                        throw new IllegalStateException(
                                "Interface " + ofInterface.getKey() + " has no inbound table (bdi_interface_pipeline)");
                    }
                    for (Path file : ofInterface.getValue()) {
                        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                            rows += copy.copyIn("COPY " + table + " FROM STDIN (FORMAT csv)", reader, 1 << 16);
                        }
                    }
                }
                PipelineStore.completed(connection, job.getInstanceId());
                connection.commit();
                return OptionalLong.of(rows);
            } catch (SQLException | IOException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /**
     * The received files of each interface, in order, as the receiver left them by its merge strategy: one file
     * per interface (interface level), one per transmission (partition level), or every block (no merge).
     */
    private static Map<String, List<Path>> filesOf(Connection connection, long dataControlId) throws SQLException {
        Map<String, List<Path>> files = new LinkedHashMap<>();
        String sql = """
                SELECT t.interface_short_name, t.dir, t.file_name, x.file_name, b.dir, b.file_name
                FROM bdi_upldr_iface_mod_data_ctl u
                JOIN bdi_receiver_transaction x ON x.receiver_transaction_id = u.receiver_transaction_id
                JOIN bdi_receiver_transmission t ON t.receiver_transaction_id = x.receiver_transaction_id
                LEFT JOIN receiver_transmission_block b ON b.receiver_transmission_id = t.receiver_transmission_id
                    AND t.file_name IS NULL
                WHERE u.uploader_iface_mod_data_ctlid = ?
                ORDER BY t.interface_short_name, t.transmission_id, b.block_number
                """;
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setLong(1, dataControlId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String shortName = rows.getString(1);
                    List<Path> ofInterface = files.computeIfAbsent(shortName, name -> new ArrayList<>());
                    String interfaceFile = shortName + ".csv";
                    String transactionFiles = rows.getString(4);
                    if (transactionFiles != null
                            && List.of(transactionFiles.split(",")).contains(interfaceFile)) {
                        Path merged = Path.of(rows.getString(2)).getParent().resolve(interfaceFile);
                        if (!ofInterface.contains(merged)) {
                            ofInterface.add(merged);
                        }
                    } else if (rows.getString(3) != null) {
                        ofInterface.add(Path.of(rows.getString(2)).resolve(rows.getString(3)));
                    } else if (rows.getString(6) != null) {
                        ofInterface.add(Path.of(rows.getString(5)).resolve(rows.getString(6)));
                    }
                }
            }
        }
        if (files.isEmpty()) {
            throw new IllegalStateException("No received data set " + dataControlId);
        }
        return files;
    }
}
