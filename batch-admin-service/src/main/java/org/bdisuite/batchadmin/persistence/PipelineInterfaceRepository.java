package org.bdisuite.batchadmin.persistence;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** bdi_interface_pipeline: each interface's source query and inbound table. */
@ApplicationScoped
public class PipelineInterfaceRepository {

    private final AgroalDataSource dataSource;

    public PipelineInterfaceRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<PipelineInterface> interfaces(String interfaceModule) {
        try (Connection connection = dataSource.getConnection()) {
            return Jdbc.query(
                    connection,
                    "SELECT interface_short_name, source_query, inbound_table FROM bdi_interface_pipeline"
                            + " WHERE interface_module = ? ORDER BY interface_short_name",
                    rows -> new PipelineInterface(rows.getString(1), rows.getString(2), rows.getString(3)),
                    interfaceModule);
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the pipeline interfaces of " + interfaceModule + " failed", e);
        }
    }

    /** Sets an interface's source query and inbound table (seed data), creating its row when missing. */
    public void upsert(String interfaceModule, String interfaceShortName, String sourceQuery, String inboundTable) {
        try (Connection connection = dataSource.getConnection()) {
            Jdbc.execute(
                    connection,
                    "INSERT INTO bdi_interface_pipeline (interface_module, interface_short_name, source_query,"
                            + " inbound_table) VALUES (?, ?, ?, ?) ON CONFLICT (interface_module, interface_short_name)"
                            + " DO UPDATE SET source_query = EXCLUDED.source_query,"
                            + " inbound_table = EXCLUDED.inbound_table,"
                            + " version = bdi_interface_pipeline.version + 1",
                    interfaceModule,
                    interfaceShortName,
                    sourceQuery,
                    inboundTable);
        } catch (SQLException e) {
            throw new IllegalArgumentException(
                    "the database refused the interface (SQLState " + e.getSQLState()
                            + "): check inbound_table and interface_short_name",
                    e);
        }
    }
}
