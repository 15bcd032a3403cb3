package org.bdisuite.crash;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bdisuite.test.ServiceProcess;
import org.bdisuite.test.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Receiver crash trials (issue 18, kind 1): {@link ReceiverTrial} against one receiver, and against two receiver
 * replicas on one database and folder of which one is killed. Every trial uses its own transaction and interface in
 * the same database and folder, so later trials also run beside the leftovers of earlier ones.
 */
class ReceiverCrashIT {

    static final String ADMIN = "crash-admin";
    static final String PASSWORD = "crash-admin-password-1";

    private static TestDatabase.Coordinates database;
    private static Path work;
    private static Map<String, String> environment;
    private static final Http HTTP = new Http(ADMIN, PASSWORD);

    @BeforeAll
    static void createDatabase() throws Exception {
        database = TestDatabase.createDatabase();
        work = Files.createTempDirectory("receiver-crash");
        environment = ServiceProcess.suiteEnvironment(database, ADMIN, PASSWORD, work);
        // A restarted replica removes every temporary file its killed predecessor left (the other replica is idle
        // while it starts).
        environment.put("SUITE_RECEIVER_TEMPORARY_FILES_SWEEP_AFTER", "PT0S");
    }

    @Test
    void oneReceiverKilledDuringUploadsAndDuringEndTransaction() throws Exception {
        runTrials(new Trials("receiver"), "R1", 1);
    }

    @Test
    void twoReceiverReplicasOnOneDatabaseAndFolderOneKilled() throws Exception {
        // Half as many: a variant of the receiver kind, with twice the processes to restart.
        runTrials(new Trials("receiver-2-replicas", 2), "R2", 2);
    }

    private static void runTrials(Trials trials, String tag, int replicaCount) throws Exception {
        Path baseFolder = work.resolve("interfaces");
        List<ServiceProcess> replicas = new java.util.ArrayList<>();
        try {
            replicas.addAll(CrashJvm.start("receiver-service", replicaCount, environment, work));
            for (int trial = 0; trial < trials.count(); trial++) {
                long seed = trials.seedOf(trial);
                new ReceiverTrial(seed, tag, trials, replicas, database, baseFolder, HTTP, ReceiverTrial.KILL_REPLICA)
                        .run();
                trials.trialDone();
            }
        } finally {
            for (ServiceProcess replica : replicas) {
                replica.close();
            }
            trials.printSummary();
        }
        trials.assertNoLosses();
    }
}
