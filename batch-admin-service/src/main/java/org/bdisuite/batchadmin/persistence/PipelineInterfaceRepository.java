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
}
