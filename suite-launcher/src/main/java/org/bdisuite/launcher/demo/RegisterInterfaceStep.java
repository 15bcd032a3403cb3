package org.bdisuite.launcher.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Registers an RMS foundation interface module with one interface, and the receiver options that make the receiver
 * store its files under the suite's data directory. An existing row is left as it is: the user may have changed it
 * through the System Setting Service since.
 */
record RegisterInterfaceStep(String module, String moduleDescription, String interfaceName, String interfaceDescription)
        implements DemoStep {

    static final String SOURCE_SYSTEM = "RMS";

    /** Diff_Fnd / Diff: the module of the demo pipeline (extractor, transporter, importer). */
    static final RegisterInterfaceStep DIFF = new RegisterInterfaceStep(
            "Diff_Fnd",
            "Differentiators (colour, size, flavour, ...) of the merchandising foundation data",
            "Diff",
            "Differentiator ids and their descriptions");

    /**
     * DiffGrp_Fnd / DiffGrpHead: a module the receiver takes data for and no importer reads, for README's receiver
     * example; its hand-over rows stay apart from the pipeline's, so the pipeline example after it imports only its
     * own data set.
     */
    static final RegisterInterfaceStep DIFF_GROUP = new RegisterInterfaceStep(
            "DiffGrp_Fnd",
            "Differentiator groups of the merchandising foundation data",
            "DiffGrpHead",
            "Differentiator group headers");

    @Override
    public String description() {
        return "interface module " + module + " (" + SOURCE_SYSTEM + ") with interface " + interfaceName
                + " and its receiver options";
    }

    @Override
    public void apply(DemoContext ctx) throws SQLException {
        Connection connection = ctx.connection();
        int modules = update(connection, """
                INSERT INTO bdi_interface_module (name, source_system_name, description)
                VALUES (?, ?, ?)
                ON CONFLICT (name) DO NOTHING""", module, SOURCE_SYSTEM, moduleDescription);
        ctx.report(
                modules == 1
                        ? "  registered interface module " + module
                        : "  interface module " + module + " was already registered");

        int interfaces = update(connection, """
                INSERT INTO bdi_interface (interface_module_id, short_name, description)
                SELECT id, ?, ? FROM bdi_interface_module WHERE name = ?
                ON CONFLICT (interface_module_id, short_name) DO NOTHING""", interfaceName, interfaceDescription, module);
        ctx.report(
                interfaces == 1
                        ? "  registered interface " + module + "/" + interfaceName
                        : "  interface " + module + "/" + interfaceName + " was already registered");

        String baseFolder =
                ctx.receiverBaseFolder().toAbsolutePath().normalize().toString();
        int options = update(connection, """
                INSERT INTO bdi_receiver_options (interface_module, interface_short_name, base_folder, merge_strategy)
                VALUES (?, ?, ?, 'NO_MERGE')
                ON CONFLICT (interface_module, interface_short_name) DO NOTHING""", module, interfaceName, baseFolder);
        if (options == 1) {
            ctx.report("  receiver options: base folder " + baseFolder + ", NO_MERGE");
        } else {
            ctx.report("  receiver options were already set: base folder " + currentBaseFolder(connection));
        }
    }

    private static int update(Connection connection, String sql, String... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
    }

    private String currentBaseFolder(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT base_folder FROM bdi_receiver_options"
                + " WHERE interface_module = ? AND interface_short_name = ?")) {
            statement.setString(1, module);
            statement.setString(2, interfaceName);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? row.getString(1) : "?";
            }
        }
    }
}
