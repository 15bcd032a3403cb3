package org.bdisuite.exporter.schedule.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.Set;
import javax.sql.DataSource;
import org.bdisuite.exporter.api.ExportOperation;

/**
 * exporter_delivery: one row per (run, operation) once delivered, so a retried run skips what was delivered. Plain
 * statements on the transaction's connection: a delivery's record is part of every run's fixed cost.
 */
@ApplicationScoped
public class DeliveryRecords {

    private static final int DETAIL_MAX = 2000;

    private final DataSource dataSource;

    public DeliveryRecords(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The operations the run has delivered (recorded). */
    public Set<ExportOperation> ofRun(long runId) {
        Set<ExportOperation> delivered = EnumSet.noneOf(ExportOperation.class);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select =
                        connection.prepareStatement("SELECT operation FROM exporter_delivery WHERE run_id = ?")) {
            select.setLong(1, runId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    delivered.add(ExportOperation.valueOf(rows.getString(1)));
                }
            }
            return delivered;
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the deliveries of run " + runId + " failed", e);
        }
    }

    public void record(long runId, ExportOperation operation, String detail, OffsetDateTime when) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO exporter_delivery (run_id, operation, delivered_at, detail)"
                                + " VALUES (?, ?, ?, ?) ON CONFLICT (run_id, operation) DO NOTHING")) {
            insert.setLong(1, runId);
            insert.setString(2, operation.name());
            insert.setObject(3, when);
            insert.setString(4, detail.length() > DETAIL_MAX ? detail.substring(0, DETAIL_MAX) : detail);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Recording the " + operation + " delivery of run " + runId + " failed", e);
        }
    }
}
