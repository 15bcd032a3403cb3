package org.bdisuite.batchadmin.jobs;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The pipeline jobs' bookkeeping in the database: interfaces, outbound data sets and which job instance works on
 * which data set. Every write is keyed so that a restarted job finds what its earlier execution did.
 */
@ApplicationScoped
public class PipelineStore {

    private final AgroalDataSource dataSource;

    public PipelineStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<PipelineInterface> interfaces(String interfaceModule) {
        List<PipelineInterface> interfaces = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT interface_short_name, source_query,"
                                + " inbound_table FROM bdi_interface_pipeline WHERE interface_module = ? ORDER BY interface_short_name")) {
            select.setString(1, interfaceModule);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    interfaces.add(new PipelineInterface(rows.getString(1), rows.getString(2), rows.getString(3)));
                }
            }
            return interfaces;
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the pipeline interfaces of " + interfaceModule + " failed", e);
        }
    }

    /**
     * The outbound data set of an extractor instance, made on its first execution: the unique instance id makes
     * a restart find the same one instead of making a second.
     */
    public long outboundDataSetFor(
            String jobName, long jobInstanceId, String interfaceModule, String dataSetType, int partitions) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                execute(
                        connection,
                        "INSERT INTO bdi_dwnldr_iface_mod_data_ctl (interface_module, data_set_type, num_partitions,"
                                + " extractor_job_instance_id) VALUES (?, ?, ?, ?) ON CONFLICT (extractor_job_instance_id) DO NOTHING",
                        interfaceModule,
                        dataSetType,
                        partitions,
                        jobInstanceId);
                long id = single(
                                connection,
                                "SELECT downloader_iface_mod_data_ctlid FROM bdi_dwnldr_iface_mod_data_ctl"
                                        + " WHERE extractor_job_instance_id = ?",
                                jobInstanceId)
                        .orElseThrow();
                claim(connection, jobName, jobInstanceId, interfaceModule, "DOWNLOADER", id);
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

    /** The data set this job instance works on, when it has claimed one already (a restart keeps its data set). */
    public Optional<Long> claimedBy(long jobInstanceId) {
        try (Connection connection = dataSource.getConnection()) {
            return single(
                    connection,
                    "SELECT data_control_id FROM bdi_job_data_set WHERE job_instance_id = ?",
                    jobInstanceId);
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the data set of job instance " + jobInstanceId + " failed", e);
        }
    }

    /** Records that this job instance works on this data set (nothing when it already does). */
    public void claim(
            String jobName, long jobInstanceId, String interfaceModule, String dataControlKind, long dataControlId) {
        try (Connection connection = dataSource.getConnection()) {
            claim(connection, jobName, jobInstanceId, interfaceModule, dataControlKind, dataControlId);
        } catch (SQLException e) {
            throw new IllegalStateException("Recording the data set of job instance " + jobInstanceId + " failed", e);
        }
    }

    /** The outbound data set is complete: ready for the transporter, and the extractor instance is done with it. */
    public void markExtracted(long dataControlId, long jobInstanceId) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            execute(
                    connection,
                    "UPDATE bdi_dwnldr_iface_mod_data_ctl SET data_set_ready_time = coalesce(data_set_ready_time,"
                            + " now()), version = version + 1 WHERE downloader_iface_mod_data_ctlid = ?",
                    dataControlId);
            completed(connection, jobInstanceId);
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("Marking outbound data set " + dataControlId + " ready failed", e);
        }
    }

    /**
     * Locks the data set record of a job instance (in the caller's transaction) and tells whether the instance's work
     * was already committed: a restart after a replica died between that commit and the job's recorded end.
     */
    static boolean lockAndCheckCompleted(Connection connection, long jobInstanceId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT completed_at IS NOT NULL FROM bdi_job_data_set WHERE job_instance_id = ? FOR UPDATE")) {
            select.setLong(1, jobInstanceId);
            try (java.sql.ResultSet rows = select.executeQuery()) {
                return rows.next() && rows.getBoolean(1);
            }
        }
    }

    static void completed(Connection connection, long jobInstanceId) throws SQLException {
        execute(
                connection,
                "UPDATE bdi_job_data_set SET completed_at = now(), version = version + 1"
                        + " WHERE job_instance_id = ? AND completed_at IS NULL",
                jobInstanceId);
    }

    private static void claim(
            Connection connection,
            String jobName,
            long jobInstanceId,
            String interfaceModule,
            String dataControlKind,
            long dataControlId)
            throws SQLException {
        execute(
                connection,
                "INSERT INTO bdi_job_data_set (job_name, job_instance_id, interface_module, data_control_kind,"
                        + " data_control_id) VALUES (?, ?, ?, ?, ?) ON CONFLICT (job_instance_id) DO NOTHING",
                jobName,
                jobInstanceId,
                interfaceModule,
                dataControlKind,
                dataControlId);
    }

    static int execute(Connection connection, String sql, Object... arguments) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < arguments.length; i++) {
                statement.setObject(i + 1, arguments[i]);
            }
            return statement.executeUpdate();
        }
    }

    static Optional<Long> single(Connection connection, String sql, Object... arguments) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < arguments.length; i++) {
                statement.setObject(i + 1, arguments[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(rows.getLong(1)) : Optional.empty();
            }
        }
    }
}
