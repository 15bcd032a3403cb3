package org.bdisuite.crash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.bdisuite.test.ServiceProcess;
import org.bdisuite.test.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Batch crash trials (issue 18, kind 3): two batch-admin replicas and a receiver on one database. Per trial a new
 * source table of N rows goes through the Diff_Fnd pipeline: the extractor, then the transporter killed (SIGKILL of
 * the replica running it) at a random point while it sends blocks, then the importer killed likewise while it loads.
 * Each time the surviving replica's heartbeat recovery must mark the execution FAILED (its lease expired), the
 * killed replica is restarted, and a restart of the execution must complete. Then the receiver holds exactly one
 * COMPLETED transaction (and one hand-over row) for the data set, and the inbound table exactly the N source rows,
 * none twice.
 */
class BatchCrashIT {

    private static final String ADMIN = "crash-admin";
    private static final String PASSWORD = "crash-admin-password-1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Http HTTP = new Http(ADMIN, PASSWORD);

    private static TestDatabase.Coordinates database;
    private static ServiceProcess receiver;
    private static final List<ServiceProcess> batches = new ArrayList<>();

    @BeforeAll
    static void startServices() throws Exception {
        database = TestDatabase.createDatabase();
        Path work = Files.createTempDirectory("batch-crash");
        Map<String, String> environment = ServiceProcess.suiteEnvironment(database, ADMIN, PASSWORD, work);
        byte[] secretsKey = new byte[32];
        new java.security.SecureRandom().nextBytes(secretsKey);
        environment.put("SUITE_SECRETS_KEY", java.util.Base64.getEncoder().encodeToString(secretsKey));
        receiver = ServiceProcess.start("receiver-service", environment, work, CrashJvm.OPTIONS);
        // A replica that stops renewing its lease for 4 s is presumed dead (production: 60 s).
        environment.put("SUITE_BATCH_LEASE_HEARTBEAT_INTERVAL", "1s");
        environment.put("SUITE_BATCH_LEASE_TTL", "4s");
        // A kill before the job took its lease leaves an execution without one: failed after 5 s (production: 10 m).
        environment.put("SUITE_BATCH_LEASE_ORPHAN_GRACE", "5s");
        for (int i = 0; i < 2; i++) {
            batches.add(ServiceProcess.start("batch-admin-service", environment, work, CrashJvm.OPTIONS));
        }
        ServiceProcess any = batches.get(0);
        expect(
                HTTP.put(
                        any.uri().resolve("system-setting/destinations/receiver"),
                        JSON.writeValueAsBytes(
                                Map.of("url", receiver.uri().toString(), "username", ADMIN, "password", PASSWORD))),
                200,
                "the receiver destination");
        expect(
                HTTP.put(
                        any.uri().resolve("system-setting/receiver-options/Diff_Fnd/Diff"),
                        JSON.writeValueAsBytes(Map.of(
                                "baseFolder",
                                Files.createDirectories(work.resolve("diff")).toString(),
                                "mergeStrategy",
                                "MERGE_TO_PARTITION_LEVEL"))),
                200,
                "the receiver options");
        sql("INSERT INTO bdi_interface_pipeline (interface_module, interface_short_name, source_query, inbound_table)"
                + " VALUES ('Diff_Fnd', 'Diff', 'SELECT 1', 'none')");
    }

    @AfterAll
    static void stopServices() throws Exception {
        for (ServiceProcess batch : batches) {
            batch.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void transporterAndImporterKilledMidWayThenRecoveredAndRestarted() throws Exception {
        Trials trials = new Trials("batch");
        try {
            for (int trial = 0; trial < trials.count(); trial++) {
                trial(trials, trials.seedOf(trial));
                trials.trialDone();
            }
        } finally {
            trials.printSummary();
        }
        trials.assertNoLosses();
    }

    private void trial(Trials trials, long seed) throws Exception {
        Random random = new Random(seed);
        int rows = 1000 + random.nextInt(3000);
        String source = "crash_source_" + seed;
        String inbound = "crash_inbound_" + seed;
        sql("CREATE TABLE " + source + " (id INT PRIMARY KEY, name TEXT, amount NUMERIC(12, 2))");
        sql("CREATE TABLE " + inbound + " (LIKE " + source + ")");
        sql("INSERT INTO " + source + " SELECT g, 'item ' || g || ' of " + seed + "', g * 0.5 FROM generate_series(1, "
                + rows + ") g");
        sql("UPDATE bdi_interface_pipeline SET source_query = 'SELECT id, name, amount FROM " + source
                + " ORDER BY id'," + " inbound_table = '" + inbound
                + "' WHERE interface_module = 'Diff_Fnd' AND interface_short_name = 'Diff'");

        ServiceProcess any = batches.get(random.nextInt(batches.size()));
        await(any, start(any, "Diff_Fnd_ExtractorJob", "partitions=3,itemCount=500"), "COMPLETED", seed);
        long dataSet = Long.parseLong(
                single("SELECT max(downloader_iface_mod_data_ctlid) FROM bdi_dwnldr_iface_mod_data_ctl"));

        killAndRecover(
                trials,
                seed,
                random,
                "Diff_Fnd_DownloaderAndTransporterJob",
                "itemCount=" + (20 + random.nextInt(80)),
                2000);
        // The transaction id is Tx#<job instance id of the transporter> (the BDI guide's): found by its data set.
        String transactionId = single("SELECT string_agg(transaction_id, ',') FROM bdi_receiver_transaction"
                + " WHERE interface_module = 'Diff_Fnd' AND source_data_set_id = " + dataSet
                + " AND receiver_transaction_status = 'COMPLETED'");
        trials.check(
                transactionId != null && transactionId.startsWith("Tx#") && !transactionId.contains(","),
                seed,
                "seed " + seed + ": not exactly one COMPLETED receiver transaction " + transactionId);
        trials.check(
                single("SELECT count(*) FROM bdi_upldr_iface_mod_data_ctl WHERE remote_transaction_id = '"
                                + transactionId + "'")
                        .equals("1"),
                seed,
                "seed " + seed + ": not exactly one hand-over row");

        // The importer loads a data set with one COPY in a fraction of a second: kill within it.
        killAndRecover(trials, seed, random, "Diff_Fnd_ImporterJob", null, 200);
        trials.check(
                single("SELECT count(*) FROM " + inbound).equals(Integer.toString(rows)),
                seed,
                "seed " + seed + ": the inbound table has " + single("SELECT count(*) FROM " + inbound)
                        + " rows instead of " + rows);
        trials.check(
                single("SELECT count(*) FROM (SELECT * FROM " + source + " EXCEPT ALL SELECT * FROM " + inbound
                                + ") missing")
                        .equals("0"),
                seed,
                "seed " + seed + ": source rows missing from the inbound table");
        trials.check(
                single("SELECT count(*) FROM (SELECT * FROM " + inbound + " EXCEPT ALL SELECT * FROM " + source
                                + ") extra")
                        .equals("0"),
                seed,
                "seed " + seed + ": rows in the inbound table twice or not from the source");
    }

    /**
     * Starts the job on a random replica and kills that replica after a random delay; the other replica's heartbeat
     * recovery must mark the execution FAILED; the killed replica is restarted and the execution restarted until it
     * completes. A job that completed before the kill is fine too (counted).
     */
    private void killAndRecover(
            Trials trials, long seed, Random random, String job, String parameters, int maxDelayMillis)
            throws Exception {
        ServiceProcess runner = batches.get(random.nextInt(batches.size()));
        ServiceProcess survivor = batches.get(0) == runner ? batches.get(1) : batches.get(0);
        long execution = start(runner, job, parameters);
        Thread.sleep(random.nextInt(maxDelayMillis));
        runner.kill();
        trials.killed();
        String status = awaitEnd(survivor, execution, seed);
        runner.restart();
        if (status.equals("COMPLETED")) {
            trials.count("jobs-done-before-the-kill");
            return;
        }
        JsonNode failed = get(survivor, "batch/jobs/executions/" + execution);
        trials.check(
                status.equals("FAILED") && failed.get("exitStatus").asText().contains("lease"),
                seed,
                "seed "
                        + seed + ": " + job + " execution " + execution + " of the killed replica ended " + status
                        + " / "
                        + failed.get("exitStatus").asText() + " instead of FAILED by the heartbeat recovery");
        trials.count("executions-recovered");
        ServiceProcess restarter = batches.get(random.nextInt(batches.size()));
        Http.Answer restarted = HTTP.post(restarter
                .uri()
                .resolve("batch/jobs/executions/" + execution
                        + (parameters == null ? "" : "?jobParameters=" + parameters)));
        expect(restarted, 200, "restart of " + execution);
        await(restarter, JSON.readTree(restarted.body()).get("executionId").asLong(), "COMPLETED", seed);
    }

    private static long start(ServiceProcess batch, String job, String parameters) throws Exception {
        Http.Answer started = HTTP.post(
                batch.uri().resolve("batch/jobs/" + job + (parameters == null ? "" : "?jobParameters=" + parameters)));
        expect(started, 200, "start of " + job);
        return JSON.readTree(started.body()).get("executionId").asLong();
    }

    /** Polls until the execution is no longer running; the bound only turns a hang into a failure. */
    private static String awaitEnd(ServiceProcess batch, long execution, long seed) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            String status = get(batch, "batch/jobs/executions/" + execution)
                    .get("executionStatus")
                    .asText();
            if (!status.startsWith("START") && !status.equals("STOPPING")) {
                return status;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(
                "Execution " + execution + " still runs (replay with -Dcrash.seed=" + seed + " -Dcrash.trials=1)");
    }

    private static void await(ServiceProcess batch, long execution, String expected, long seed) throws Exception {
        String status = awaitEnd(batch, execution, seed);
        if (!status.equals(expected)) {
            throw new AssertionError("Execution " + execution + " ended " + status + ": "
                    + get(batch, "batch/jobs/executions/" + execution) + " (replay with -Dcrash.seed=" + seed
                    + " -Dcrash.trials=1)");
        }
    }

    private static JsonNode get(ServiceProcess batch, String path) throws Exception {
        Http.Answer answer = HTTP.get(batch.uri().resolve(path));
        expect(answer, 200, path);
        return JSON.readTree(answer.body());
    }

    private static void expect(Http.Answer answer, int status, String what) {
        if (answer.status() != status) {
            throw new AssertionError(what + " answered " + answer.status() + " " + answer.body());
        }
    }

    private static void sql(String statement) throws Exception {
        try (Connection connection = database.connect();
                Statement sql = connection.createStatement()) {
            sql.execute(statement);
        }
    }

    private static String single(String query) throws Exception {
        try (Connection connection = database.connect();
                Statement sql = connection.createStatement();
                ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
