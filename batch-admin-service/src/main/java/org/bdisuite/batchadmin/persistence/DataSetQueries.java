package org.bdisuite.batchadmin.persistence;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads of bdi_job_data_set and the two data-control tables for the Data Service. */
@ApplicationScoped
public class DataSetQueries {

    private final AgroalDataSource dataSource;

    public DataSetQueries(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The data set a job instance worked on. */
    public record JobDataSet(String jobName, long jobInstanceId, String interfaceModule, long dataControlId) {}

    public Optional<JobDataSet> forInstance(String jobName, long jobInstanceId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT job_name, job_instance_id, interface_module,"
                                + " data_control_id FROM bdi_job_data_set WHERE job_name = ? AND job_instance_id = ?")) {
            select.setString(1, jobName);
            select.setLong(2, jobInstanceId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next()
                        ? Optional.of(
                                new JobDataSet(rows.getString(1), rows.getLong(2), rows.getString(3), rows.getLong(4)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the data set of job instance " + jobInstanceId + " failed", e);
        }
    }

    public List<Long> executionIds(long jobInstanceId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT jobexecutionid FROM job_execution WHERE jobinstanceid = ? ORDER BY jobexecutionid")) {
            select.setLong(1, jobInstanceId);
            List<Long> ids = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the executions of job instance " + jobInstanceId + " failed", e);
        }
    }

    /**
     * The oldest data set of the module that no instance of this job has completed: an outbound data set for a
     * transporter (kind DOWNLOADER), a received one for an importer (kind UPLOADER).
     */
    public Optional<Long> nextPending(String jobName, String interfaceModule, String dataControlKind) {
        String table = "DOWNLOADER".equals(dataControlKind)
                ? "bdi_dwnldr_iface_mod_data_ctl d WHERE d.interface_module = ? AND NOT EXISTS (SELECT 1 FROM bdi_job_data_set j"
                        + " WHERE j.data_control_kind = 'DOWNLOADER' AND j.data_control_id = d.downloader_iface_mod_data_ctlid"
                : "bdi_upldr_iface_mod_data_ctl d WHERE d.interface_module = ? AND NOT EXISTS (SELECT 1 FROM bdi_job_data_set j"
                        + " WHERE j.data_control_kind = 'UPLOADER' AND j.data_control_id = d.uploader_iface_mod_data_ctlid";
        String id = "DOWNLOADER".equals(dataControlKind)
                ? "d.downloader_iface_mod_data_ctlid"
                : "d.uploader_iface_mod_data_ctlid";
        String sql = "SELECT " + id + " FROM " + table + " AND j.job_name = ? AND j.completed_at IS NOT NULL)"
                + " ORDER BY " + id + " LIMIT 1";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, interfaceModule);
            select.setString(2, jobName);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(rows.getLong(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Looking for the next pending data set of " + jobName + " failed", e);
        }
    }
}
