package org.bdisuite.launcher.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Registers the RMS foundation interface module {@code Diff_Fnd} with its interface {@code Diff}, and the
 * receiver options that make the receiver store its files under the suite's data directory. An existing row
 * is left as it is: the user may have changed it through the System Setting Service since.
 */
final class RegisterDiffInterfaceStep implements DemoStep {

    static final String MODULE = "Diff_Fnd";
    static final String INTERFACE = "Diff";
    static final String SOURCE_SYSTEM = "RMS";

    @Override
    public String description() {
        return "interface module " + MODULE + " (" + SOURCE_SYSTEM + ") with interface " + INTERFACE
                + " and its receiver options";
    }

    @Override
    public void apply(DemoContext ctx) throws SQLException {
        Connection connection = ctx.connection();
        int modules = update(connection, """
                INSERT INTO bdi_interface_module (name, source_system_name, description)
                VALUES (?, ?, 'Differentiators (colour, size, flavour, ...) of the merchandising foundation data')
                ON CONFLICT (name) DO NOTHING""", MODULE, SOURCE_SYSTEM);
        ctx.report(
                modules == 1
                        ? "  registered interface module " + MODULE
                        : "  interface module " + MODULE + " was already registered");

        int interfaces = update(connection, """
                INSERT INTO bdi_interface (interface_module_id, short_name, description)
                SELECT id, ?, 'Differentiator ids and their descriptions' FROM bdi_interface_module WHERE name = ?
                ON CONFLICT (interface_module_id, short_name) DO NOTHING""", INTERFACE, MODULE);
        ctx.report(
                interfaces == 1
                        ? "  registered interface " + MODULE + "/" + INTERFACE
                        : "  interface " + MODULE + "/" + INTERFACE + " was already registered");

        String baseFolder =
                ctx.receiverBaseFolder().toAbsolutePath().normalize().toString();
        int options = update(connection, """
                INSERT INTO bdi_receiver_options (interface_module, interface_short_name, base_folder, merge_strategy)
                VALUES (?, ?, ?, 'NO_MERGE')
                ON CONFLICT (interface_module, interface_short_name) DO NOTHING""", MODULE, INTERFACE, baseFolder);
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

    private static String currentBaseFolder(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT base_folder FROM bdi_receiver_options"
                + " WHERE interface_module = ? AND interface_short_name = ?")) {
            statement.setString(1, MODULE);
            statement.setString(2, INTERFACE);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? row.getString(1) : "?";
            }
        }
    }
}
