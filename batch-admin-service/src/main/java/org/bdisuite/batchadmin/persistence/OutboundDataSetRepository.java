package org.bdisuite.batchadmin.persistence;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.bdisuite.model.DataSetType;

/**
 * bdi_dwnldr_iface_mod_data_ctl: the outbound data sets, one per extractor job instance, sent by the
 * downloader-transporter once ready.
 */
@ApplicationScoped
public class OutboundDataSetRepository {

    static final String KIND = "DOWNLOADER";

    private static final DataSetStateColumns STATE = new DataSetStateColumns(
            KIND, "outbound", "bdi_dwnldr_iface_mod_data_ctl", "downloader_iface_mod_data_ctlid", "NULL::varchar");

    /** A ready outbound data set as the transporter announces it. */
    /** A ready data set; {@code traceParent}: the extractor's span (null when made before tracing). */
    public record ReadyDataSet(DataSetType type, OffsetDateTime readyTime, String traceParent) {}

    private final AgroalDataSource dataSource;

    public OutboundDataSetRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * The outbound data set of an extractor instance, made on its first execution and claimed by it in the same
     * transaction: the unique instance id makes a restart find the same one instead of making a second. The
     * extractor's traceparent goes with it (a restart keeps the first one), so the transporter continues its trace.
     */
    public long createFor(
            String jobName,
            long jobInstanceId,
            String interfaceModule,
            String dataSetType,
            int partitions,
            String traceParent) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                Jdbc.execute(
                        connection,
                        "INSERT INTO bdi_dwnldr_iface_mod_data_ctl (interface_module, data_set_type, num_partitions,"
                                + " extractor_job_instance_id, trace_parent) VALUES (?, ?, ?, ?, ?)"
                                + " ON CONFLICT (extractor_job_instance_id) DO NOTHING",
                        interfaceModule,
                        dataSetType,
                        partitions,
                        jobInstanceId,
                        traceParent);
                long id = Jdbc.singleLong(
                                connection,
                                "SELECT downloader_iface_mod_data_ctlid FROM bdi_dwnldr_iface_mod_data_ctl"
                                        + " WHERE extractor_job_instance_id = ?",
                                jobInstanceId)
                        .orElseThrow();
                JobDataSetRepository.claim(connection, jobName, jobInstanceId, interfaceModule, KIND, id);
                connection.commit();
                return id;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Creating the outbound data set of job instance " + jobInstanceId + " failed", e);
        }
    }

    /**
     * The outbound data set is complete: ready for the transporter, and the extractor instance is done with it (a set
     * the extractor had failed on is PENDING again).
     */
    public void markExtracted(long dataControlId, long jobInstanceId) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                Jdbc.execute(
                        connection,
                        "UPDATE bdi_dwnldr_iface_mod_data_ctl SET data_set_ready_time = coalesce(data_set_ready_time,"
                                + " now()), version = version + 1 WHERE downloader_iface_mod_data_ctlid = ?",
                        dataControlId);
                JobDataSetRepository.completed(connection, jobInstanceId);
                STATE.recovered(connection, dataControlId);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Marking outbound data set " + dataControlId + " ready failed", e);
        }
    }

    public int partitionsOf(long dataControlId) {
        try (Connection connection = dataSource.getConnection()) {
            return Jdbc.singleLong(
                            connection,
                            "SELECT num_partitions FROM bdi_dwnldr_iface_mod_data_ctl"
                                    + " WHERE downloader_iface_mod_data_ctlid = ?",
                            dataControlId)
                    .orElseThrow(() -> new IllegalStateException("No outbound data set " + dataControlId))
                    .intValue();
        } catch (SQLException e) {
            throw new IllegalStateException("Reading outbound data set " + dataControlId + " failed", e);
        }
    }

    /** The data set when it exists and is ready; empty otherwise. */
    public Optional<ReadyDataSet> ready(long dataControlId) {
        try (Connection connection = dataSource.getConnection()) {
            return Jdbc.query(
                            connection,
                            "SELECT data_set_type, data_set_ready_time, trace_parent FROM bdi_dwnldr_iface_mod_data_ctl"
                                    + " WHERE downloader_iface_mod_data_ctlid = ? AND data_set_ready_time IS NOT NULL",
                            rows -> new ReadyDataSet(
                                    DataSetType.valueOf(rows.getString(1)),
                                    rows.getObject(2, OffsetDateTime.class),
                                    rows.getString(3)),
                            dataControlId)
                    .stream()
                    .findFirst();
        } catch (SQLException e) {
            throw new IllegalStateException("Reading outbound data set " + dataControlId + " failed", e);
        }
    }

    /**
     * The module's oldest outbound data set that is neither sent nor skipped, is ready (or FAILED: then it blocks the
     * module, ready or not) and that no instance of this transporter job has completed.
     */
    public Optional<Long> nextPending(String jobName, String interfaceModule) {
        try (Connection connection = dataSource.getConnection()) {
            return Jdbc.singleLong(
                    connection,
                    "SELECT d.downloader_iface_mod_data_ctlid FROM bdi_dwnldr_iface_mod_data_ctl d"
                            + " WHERE d.interface_module = ? AND (d.data_set_state = 'FAILED'"
                            + " OR (d.data_set_state = 'PENDING' AND d.data_set_ready_time IS NOT NULL)) AND "
                            + JobDataSetRepository.notCompletedBy(KIND, "d.downloader_iface_mod_data_ctlid")
                            + " ORDER BY d.downloader_iface_mod_data_ctlid LIMIT 1",
                    interfaceModule,
                    jobName);
        } catch (SQLException e) {
            throw new IllegalStateException("Looking for the next pending data set of " + jobName + " failed", e);
        }
    }

    /** The transporter delivered the set: its instance is done with it and the set is SENT, in one transaction. */
    public void markSent(long dataControlId, long jobInstanceId) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                JobDataSetRepository.completed(connection, jobInstanceId);
                STATE.done(connection, dataControlId, "SENT");
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Marking outbound data set " + dataControlId + " sent failed", e);
        }
    }

    /** The states of the newest {@code limit} outbound data sets, newest first. */
    public List<DataSetStateRow> newestStates(int limit) {
        return STATE.newest(dataSource, limit);
    }

    /** The state of an outbound data set. */
    public Optional<DataSetStateRow> state(long dataControlId) {
        return STATE.find(dataSource, dataControlId, false);
    }

    /** The state of an outbound data set, locked until the caller's transaction ends. */
    public Optional<DataSetStateRow> lockState(long dataControlId) {
        return STATE.find(dataSource, dataControlId, true);
    }

    /** The module's oldest FAILED outbound set before {@code beforeId} (any, when null). */
    public Optional<DataSetStateRow> earliestFailed(String interfaceModule, Long beforeId) {
        return STATE.earliestFailed(dataSource, interfaceModule, beforeId);
    }

    /** Marks the set FAILED by this execution; false when it already was, or is sent or skipped. */
    public boolean markFailed(long dataControlId, String cause, String jobName, long executionId) {
        return STATE.markFailed(dataSource, dataControlId, cause, jobName, executionId);
    }

    /** An operator's action on a set the caller has locked ({@link #lockState}). */
    public void act(long dataControlId, String state, String action, String user, String skipReason) {
        STATE.act(dataSource, dataControlId, state, action, user, skipReason);
    }
}
