package org.bdisuite.batchadmin.persistence;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;

/** bdi_data_set_action: the audit of the operators' RETRY and SKIP actions on data sets, who and when. */
@ApplicationScoped
public class DataSetActionRepository {

    /** One recorded action. */
    public record DataSetAction(
            String action, String fromState, String cause, String reason, String actedBy, OffsetDateTime actedAt) {}

    private final AgroalDataSource dataSource;

    public DataSetActionRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Records an action in the caller's transaction. */
    public void record(
            String kind,
            long dataControlId,
            String interfaceModule,
            String action,
            String fromState,
            String cause,
            String reason,
            String actedBy) {
        try (Connection connection = dataSource.getConnection()) {
            Jdbc.execute(
                    connection,
                    "INSERT INTO bdi_data_set_action (data_control_kind, data_control_id, interface_module, action,"
                            + " from_state, cause, reason, acted_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    kind,
                    dataControlId,
                    interfaceModule,
                    action,
                    fromState,
                    cause,
                    reason,
                    actedBy);
        } catch (SQLException e) {
            throw new IllegalStateException("Recording an action on data set " + dataControlId + " failed", e);
        }
    }

    /** The actions on one data set, oldest first. */
    public List<DataSetAction> of(String kind, long dataControlId) {
        try (Connection connection = dataSource.getConnection()) {
            return Jdbc.query(
                    connection,
                    "SELECT action, from_state, cause, reason, acted_by, acted_at FROM bdi_data_set_action"
                            + " WHERE data_control_kind = ? AND data_control_id = ? ORDER BY id",
                    rows -> new DataSetAction(
                            rows.getString(1),
                            rows.getString(2),
                            rows.getString(3),
                            rows.getString(4),
                            rows.getString(5),
                            rows.getObject(6, OffsetDateTime.class)),
                    kind,
                    dataControlId);
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the actions on data set " + dataControlId + " failed", e);
        }
    }
}
