package org.bdisuite.batchadmin.persistence;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * bdi_job_data_set: which job instance works on which data set (kind DOWNLOADER: an outbound data set; UPLOADER: a
 * received one), and when it completed it. Every write is keyed by the instance, so a restarted job finds what its
 * earlier execution did. The other persistence classes mark an instance completed in their own transaction through
 * {@link #completed(Connection, long)}.
 */
@ApplicationScoped
public class JobDataSetRepository {

    /** The data set a job instance worked on. */
    public record JobDataSet(String jobName, long jobInstanceId, String interfaceModule, long dataControlId) {}

    /** Which data set (kind DOWNLOADER or UPLOADER, id) of which module a job instance claimed. */
    public record DataSetClaim(String kind, long dataControlId, String interfaceModule) {}

    private final AgroalDataSource dataSource;

    public JobDataSetRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The data set this job instance works on, when it has claimed one already (a restart keeps its data set). */
    public Optional<Long> claimedBy(long jobInstanceId) {
        try (Connection connection = dataSource.getConnection()) {
            return Jdbc.singleLong(
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

    /** The job instance is done with its data set (a transporter: the receiver has it all). */
    public void completed(long jobInstanceId) {
        try (Connection connection = dataSource.getConnection()) {
            completed(connection, jobInstanceId);
        } catch (SQLException e) {
            throw new IllegalStateException("Completing the data set of job instance " + jobInstanceId + " failed", e);
        }
    }

    /** The data set each of these job instances worked on (the Batch Service's views), by instance id. */
    public Map<Long, DataSetClaim> forInstances(Collection<Long> jobInstanceIds) {
        if (jobInstanceIds.isEmpty()) {
            return Map.of();
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT job_instance_id, data_control_kind, data_control_id, interface_module"
                                + " FROM bdi_job_data_set WHERE job_instance_id = ANY (?)")) {
            select.setArray(1, connection.createArrayOf("bigint", jobInstanceIds.toArray(Long[]::new)));
            Map<Long, DataSetClaim> claims = new HashMap<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    claims.put(
                            rows.getLong(1), new DataSetClaim(rows.getString(2), rows.getLong(3), rows.getString(4)));
                }
            }
            return claims;
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the data sets of job instances failed", e);
        }
    }

    /** The job instances that worked on each of these data sets of one kind (oldest first), by data set id. */
    public Map<Long, List<JobDataSet>> forDataSets(String dataControlKind, Collection<Long> dataControlIds) {
        if (dataControlIds.isEmpty()) {
            return Map.of();
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT job_name, job_instance_id, interface_module, data_control_id FROM bdi_job_data_set"
                                + " WHERE data_control_kind = ? AND data_control_id = ANY (?) ORDER BY job_instance_id")) {
            select.setString(1, dataControlKind);
            select.setArray(2, connection.createArrayOf("bigint", dataControlIds.toArray(Long[]::new)));
            Map<Long, List<JobDataSet>> instances = new HashMap<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    JobDataSet instance =
                            new JobDataSet(rows.getString(1), rows.getLong(2), rows.getString(3), rows.getLong(4));
                    instances
                            .computeIfAbsent(instance.dataControlId(), id -> new ArrayList<>())
                            .add(instance);
                }
            }
            return instances;
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the job instances of data sets failed", e);
        }
    }

    public Optional<JobDataSet> forInstance(String jobName, long jobInstanceId) {
        try (Connection connection = dataSource.getConnection()) {
            return Jdbc.query(
                            connection,
                            "SELECT job_name, job_instance_id, interface_module, data_control_id FROM bdi_job_data_set"
                                    + " WHERE job_name = ? AND job_instance_id = ?",
                            rows -> new JobDataSet(
                                    rows.getString(1), rows.getLong(2), rows.getString(3), rows.getLong(4)),
                            jobName,
                            jobInstanceId)
                    .stream()
                    .findFirst();
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the data set of job instance " + jobInstanceId + " failed", e);
        }
    }

    static void claim(
            Connection connection,
            String jobName,
            long jobInstanceId,
            String interfaceModule,
            String dataControlKind,
            long dataControlId)
            throws SQLException {
        Jdbc.execute(
                connection,
                "INSERT INTO bdi_job_data_set (job_name, job_instance_id, interface_module, data_control_kind,"
                        + " data_control_id) VALUES (?, ?, ?, ?, ?) ON CONFLICT (job_instance_id) DO NOTHING",
                jobName,
                jobInstanceId,
                interfaceModule,
                dataControlKind,
                dataControlId);
    }

    /**
     * Locks the data set record of a job instance (in the caller's transaction) and tells whether the instance's work
     * was already committed: a restart after a replica died between that commit and the job's recorded end.
     */
    static boolean lockAndCheckCompleted(Connection connection, long jobInstanceId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT completed_at IS NOT NULL FROM bdi_job_data_set WHERE job_instance_id = ? FOR UPDATE")) {
            select.setLong(1, jobInstanceId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() && rows.getBoolean(1);
            }
        }
    }

    static void completed(Connection connection, long jobInstanceId) throws SQLException {
        Jdbc.execute(
                connection,
                "UPDATE bdi_job_data_set SET completed_at = now(), version = version + 1"
                        + " WHERE job_instance_id = ? AND completed_at IS NULL",
                jobInstanceId);
    }

    /**
     * The condition "no instance of this job has completed the data set whose id is {@code idColumn}", for the
     * pending queries of the data-control tables' owners.
     */
    static String notCompletedBy(String dataControlKind, String idColumn) {
        return "NOT EXISTS (SELECT 1 FROM bdi_job_data_set j WHERE j.data_control_kind = '" + dataControlKind
                + "' AND j.data_control_id = " + idColumn + " AND j.job_name = ? AND j.completed_at IS NOT NULL)";
    }
}
