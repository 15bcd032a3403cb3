package org.bdisuite.batchadmin.persistence;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * batch-admin's side of the receiver's hand-over: bdi_upldr_iface_mod_data_ctl (the data sets handed over to the
 * uploader) and bdi_upldr_data_set_file (exactly the files of each). The receiver inserts both; they are the only
 * receiver tables batch-admin reads, and the only receiver columns it writes are the data set's state (V31: FAILED
 * with its cause, LOADED, an operator's RETRY or SKIP), all here. Nothing here knows how the receiver lays out or
 * names its files.
 */
@ApplicationScoped
public class HandOverStore {

    static final String KIND = "UPLOADER";

    private static final DataSetStateColumns STATE = new DataSetStateColumns(
            KIND, "received", "bdi_upldr_iface_mod_data_ctl", "uploader_iface_mod_data_ctlid", "remote_transaction_id");

    /**
     * One file of a received data set, in load order. {@code rows}, {@code bytes} and {@code sha256} are null only
     * for data sets handed over before the receiver recorded them.
     */
    public record ReceivedFile(
            int number, String interfaceShortName, Path path, Long rows, Long bytes, String sha256) {}

    private final AgroalDataSource dataSource;

    public HandOverStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * The module's oldest received data set that is neither loaded nor skipped and that no instance of this importer
     * job has completed; it may be FAILED (then it blocks the module).
     */
    public Optional<Long> nextPending(String jobName, String interfaceModule) {
        try (Connection connection = dataSource.getConnection()) {
            return Jdbc.singleLong(
                    connection,
                    "SELECT d.uploader_iface_mod_data_ctlid FROM bdi_upldr_iface_mod_data_ctl d"
                            + " WHERE d.interface_module = ? AND d.data_set_state IN ('PENDING', 'FAILED') AND "
                            + JobDataSetRepository.notCompletedBy(KIND, "d.uploader_iface_mod_data_ctlid")
                            + " ORDER BY d.uploader_iface_mod_data_ctlid LIMIT 1",
                    interfaceModule,
                    jobName);
        } catch (SQLException e) {
            throw new IllegalStateException("Looking for the next pending data set of " + jobName + " failed", e);
        }
    }

    /** The files of a handed-over data set of this module, in load order; empty when there is no such data set. */
    public List<ReceivedFile> files(long dataControlId, String interfaceModule) {
        try (Connection connection = dataSource.getConnection()) {
            return Jdbc.query(
                    connection,
                    "SELECT f.file_number, f.interface_short_name, f.file_path, f.row_count, f.byte_count, f.sha256"
                            + " FROM bdi_upldr_data_set_file f JOIN bdi_upldr_iface_mod_data_ctl d"
                            + " ON d.uploader_iface_mod_data_ctlid = f.uploader_iface_mod_data_ctlid"
                            + " WHERE d.uploader_iface_mod_data_ctlid = ? AND d.interface_module = ?"
                            + " ORDER BY f.file_number",
                    rows -> new ReceivedFile(
                            rows.getInt(1),
                            rows.getString(2),
                            Path.of(rows.getString(3)),
                            rows.getObject(4, Long.class),
                            rows.getObject(5, Long.class),
                            rows.getString(6)),
                    dataControlId,
                    interfaceModule);
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the files of received data set " + dataControlId + " failed", e);
        }
    }

    /** The states of the newest {@code limit} received data sets, newest first. */
    public List<DataSetStateRow> newestStates(int limit) {
        return STATE.newest(dataSource, limit);
    }

    /** The state of a received data set. */
    public Optional<DataSetStateRow> state(long dataControlId) {
        return STATE.find(dataSource, dataControlId, false);
    }

    /** The state of a received data set, locked until the caller's transaction ends. */
    public Optional<DataSetStateRow> lockState(long dataControlId) {
        return STATE.find(dataSource, dataControlId, true);
    }

    /** The module's oldest FAILED received set before {@code beforeId} (any, when null). */
    public Optional<DataSetStateRow> earliestFailed(String interfaceModule, Long beforeId) {
        return STATE.earliestFailed(dataSource, interfaceModule, beforeId);
    }

    /** Marks the set FAILED by this execution; false when it already was, or is loaded or skipped. */
    public boolean markFailed(long dataControlId, String cause, String jobName, long executionId) {
        return STATE.markFailed(dataSource, dataControlId, cause, jobName, executionId);
    }

    /** An operator's action on a set the caller has locked ({@link #lockState}). */
    public void act(long dataControlId, String state, String action, String user, String skipReason) {
        STATE.act(dataSource, dataControlId, state, action, user, skipReason);
    }

    /** The receiver transaction ids of these received sets (the Batch Service's views). */
    public Map<Long, String> transactionIds(Collection<Long> dataControlIds) {
        if (dataControlIds.isEmpty()) {
            return Map.of();
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT uploader_iface_mod_data_ctlid, remote_transaction_id FROM bdi_upldr_iface_mod_data_ctl"
                                + " WHERE uploader_iface_mod_data_ctlid = ANY (?)")) {
            select.setArray(1, connection.createArrayOf("bigint", dataControlIds.toArray(Long[]::new)));
            Map<Long, String> ids = new HashMap<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.put(rows.getLong(1), rows.getString(2));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException("Reading received data sets failed", e);
        }
    }

    /** The importer loaded the set (in the load's transaction, {@link InboundTables}). */
    static void loaded(Connection connection, long dataControlId) throws SQLException {
        STATE.done(connection, dataControlId, "LOADED");
    }

    /**
     * The traceparent the receiver stored with a handed-over data set (its endTransaction's span, in the
     * transporter's trace); empty when there is none (handed over before tracing).
     */
    public Optional<String> traceParent(long dataControlId) {
        try (Connection connection = dataSource.getConnection()) {
            return Jdbc.query(
                            connection,
                            "SELECT trace_parent FROM bdi_upldr_iface_mod_data_ctl"
                                    + " WHERE uploader_iface_mod_data_ctlid = ? AND trace_parent IS NOT NULL",
                            rows -> rows.getString(1),
                            dataControlId)
                    .stream()
                    .findFirst();
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the trace of received data set " + dataControlId + " failed", e);
        }
    }
}
