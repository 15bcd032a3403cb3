package org.bdisuite.launcher.demo;

import java.sql.Connection;
import java.util.List;

/** The demo data of {@code ./suite --demo}: add a step by writing its class and one line here. */
public final class DemoSteps {

    private DemoSteps() {}

    /** In the order they run; a step may rely on the ones above it. */
    public static List<DemoStep> all() {
        return List.of(
                RegisterInterfaceStep.DIFF,
                RegisterInterfaceStep.DIFF_GROUP,
                new SampleOutboundTableStep(),
                new PipelineInterfaceStep(),
                new ReceiverDestinationStep(),
                new ExportScheduleStep());
    }

    /** Runs every step, each in its own transaction, so that a failed step leaves nothing half done. */
    public static void applyAll(DemoContext ctx) throws Exception {
        Connection connection = ctx.connection();
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            for (DemoStep step : all()) {
                ctx.report("- " + step.description());
                try {
                    step.apply(ctx);
                    connection.commit();
                } catch (Exception e) {
                    connection.rollback();
                    throw new DemoStepFailedException(step, e);
                }
            }
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** Which step failed, with the cause. */
    public static final class DemoStepFailedException extends Exception {

        DemoStepFailedException(DemoStep step, Exception cause) {
            super("Demo step '" + step.description() + "' failed: " + cause.getMessage(), cause);
        }
    }
}
