package org.bdisuite.launcher.demo;

import java.sql.SQLException;
import java.sql.Statement;

/**
 * What the BDI pipeline jobs move for Diff_Fnd/Diff: the extractor reads the sample outbound table in its
 * sequence order, and the importer loads what the receiver got into diff_fnd_diff_in (same columns).
 */
final class PipelineInterfaceStep implements DemoStep {

    @Override
    public String description() {
        return "pipeline of Diff_Fnd/Diff: " + SampleOutboundTableStep.TABLE + " -> receiver -> diff_fnd_diff_in";
    }

    @Override
    public void apply(DemoContext ctx) throws SQLException {
        try (Statement statement = ctx.connection().createStatement()) {
            statement.execute(
                    "CREATE TABLE IF NOT EXISTS diff_fnd_diff_in (LIKE " + SampleOutboundTableStep.TABLE + ")");
            statement.execute(
                    "INSERT INTO bdi_interface_pipeline (interface_module, interface_short_name, source_query,"
                            + " inbound_table) VALUES ('" + RegisterInterfaceStep.DIFF.module()
                            + "', 'Diff', 'SELECT * FROM "
                            + SampleOutboundTableStep.TABLE + " ORDER BY bdi_seq_id', 'diff_fnd_diff_in')"
                            + " ON CONFLICT (interface_module, interface_short_name) DO NOTHING");
        }
    }
}
