package org.bdisuite.batchadmin.persistence;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * The receiver's hand-over, read-only: bdi_upldr_iface_mod_data_ctl (the data sets handed over to the uploader)
 * and bdi_upldr_data_set_file (exactly the files of each). The receiver owns and writes both; they are the only
 * receiver tables batch-admin reads. Nothing here knows how the receiver lays out or names its files.
 */
@ApplicationScoped
public class HandOverReader {

    static final String KIND = "UPLOADER";

    /**
     * One file of a received data set, in load order. {@code rows}, {@code bytes} and {@code sha256} are null only
     * for data sets handed over before the receiver recorded them.
     */
    public record ReceivedFile(
            int number, String interfaceShortName, Path path, Long rows, Long bytes, String sha256) {}

    private final AgroalDataSource dataSource;

    public HandOverReader(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The module's oldest received data set that no instance of this importer job has completed. */
    public Optional<Long> nextPending(String jobName, String interfaceModule) {
        try (Connection connection = dataSource.getConnection()) {
            return Jdbc.singleLong(
                    connection,
                    "SELECT d.uploader_iface_mod_data_ctlid FROM bdi_upldr_iface_mod_data_ctl d"
                            + " WHERE d.interface_module = ? AND "
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
