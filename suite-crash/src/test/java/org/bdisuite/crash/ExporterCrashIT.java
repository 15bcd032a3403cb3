package org.bdisuite.crash;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.bdisuite.test.ServiceProcess;
import org.bdisuite.test.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Exporter crash trials (issue 18, kind 2): three exporter replicas on one database (and one shared work folder),
 * delivering by SFTP (MINA SSHD in this JVM), RECEIVER (a receiver process) and EMAIL (GreenMail). Each trial is one
 * day's export of a new schedule: the day's run (POST /exporter/process-schedules) is triggered on all three replicas
 * at once and a random replica is killed at a random point of it, then restarted; an operator's recovery follows (the
 * daily run marks the interrupted run FAILED once stale, and the run is retried under its id). Then the day must have
 * exactly one run, one SFTP file (the run's bytes), one COMPLETED receiver transaction with one hand-over row, one
 * audit event of the successful outcome, and the mail at least once; a second mail (the kill fell between the SMTP
 * send and the delivery's ledger row: the documented window) is counted, a third is a loss.
 *
 * <p>The exporter's day comes from the real clock, and a schedule runs once per day, so each trial's schedule is new:
 * the trials repeat "one (schedule, day)" rather than advancing a calendar.
 */
class ExporterCrashIT {

    private static final String ADMIN = "crash-admin";
    private static final String PASSWORD = "crash-admin-password-1";
    private static final String SFTP_PASSWORD = "sftp-crash-password-1";
    private static final String STALE_AFTER_SECONDS = "4";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Http HTTP = new Http(ADMIN, PASSWORD);

    private static TestDatabase.Coordinates database;
    private static Path work;
    private static GreenMail smtp;
    private static SshServer sftp;
    private static Path sftpRoot;
    private static ServiceProcess receiver;
    private static final List<ServiceProcess> exporters = new ArrayList<>();

    @BeforeAll
    static void startEverything() throws Exception {
        database = TestDatabase.createDatabase();
        work = Files.createTempDirectory("exporter-crash");
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        sftpRoot = Files.createDirectories(work.resolve("sftp-root/in")).getParent();
        sftp = SshServer.setUpDefaultServer();
        sftp.setHost("127.0.0.1");
        sftp.setPort(0);
        sftp.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(work.resolve("sftp-hostkey.ser")));
        sftp.setPasswordAuthenticator(
                (user, password, session) -> "exporter".equals(user) && SFTP_PASSWORD.equals(password));
        sftp.setSubsystemFactories(List.of(new SftpSubsystemFactory.Builder().build()));
        sftp.setFileSystemFactory(new VirtualFileSystemFactory(sftpRoot));
        sftp.start();

        Map<String, String> environment = ServiceProcess.suiteEnvironment(database, ADMIN, PASSWORD, work);
        byte[] secretsKey = new byte[32];
        new java.security.SecureRandom().nextBytes(secretsKey);
        environment.put("SUITE_SECRETS_KEY", java.util.Base64.getEncoder().encodeToString(secretsKey));
        receiver = ServiceProcess.start("receiver-service", environment, work, CrashJvm.OPTIONS);
        environment.putAll(Map.of(
                "SUITE_EXPORTER_RECEIVER_URL",
                receiver.uri().toString(),
                "SUITE_EXPORTER_RECEIVER_USER",
                ADMIN,
                "SUITE_EXPORTER_RECEIVER_PASSWORD",
                PASSWORD,
                "SUITE_EXPORTER_RECEIVER_BLOCK_BYTES",
                "300",
                "SUITE_EXPORTER_WORK_DIR",
                work.resolve("runs").toString(),
                "SUITE_EXPORTER_LOG_DIR",
                work.resolve("logs").toString(),
                "SUITE_EXPORTER_DAILY_ENABLED",
                "false",
                "SUITE_EXPORTER_STALE_RUN_AFTER",
                "PT" + STALE_AFTER_SECONDS + "S"));
        environment.putAll(Map.of(
                "QUARKUS_MAILER_HOST", "127.0.0.1",
                "QUARKUS_MAILER_PORT", Integer.toString(smtp.getSmtp().getPort()),
                "QUARKUS_MAILER_START_TLS", "DISABLED",
                "QUARKUS_MAILER_MOCK", "false"));
        for (int i = 0; i < 3; i++) {
            exporters.add(ServiceProcess.start("exporter-service", environment, work, CrashJvm.OPTIONS));
        }
        String fingerprint = KeyUtils.getFingerPrint(
                BuiltinDigests.sha256,
                sftp.getKeyPairProvider().loadKeys(null).iterator().next().getPublic());
        Http.Answer details = HTTP.post(
                exporters.get(0).uri().resolve("exporter/sftp-details"),
                JSON.writeValueAsBytes(Map.of(
                        "key",
                        "crash-sftp",
                        "host",
                        "127.0.0.1",
                        "port",
                        sftp.getPort(),
                        "username",
                        "exporter",
                        "password",
                        SFTP_PASSWORD,
                        "hostKeyFingerprint",
                        fingerprint,
                        "remoteDirectory",
                        "/in")),
                "application/json");
        if (details.status() != 201) {
            throw new IllegalStateException("sftp-details: " + details.status() + " " + details.body());
        }
    }

    @AfterAll
    static void stopEverything() throws Exception {
        for (ServiceProcess exporter : exporters) {
            exporter.close();
        }
        if (receiver != null) {
            receiver.close();
        }
        if (sftp != null) {
            sftp.stop(true);
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void threeReplicasOneKilledDuringEachDaysRun() throws Exception {
        Trials trials = new Trials("exporter");
        try {
            for (int trial = 0; trial < trials.count(); trial++) {
                day(trials, trials.seedOf(trial));
                trials.trialDone();
            }
        } finally {
            trials.printSummary();
        }
        trials.assertNoLosses();
    }

    private void day(Trials trials, long seed) throws Exception {
        Random random = new Random(seed);
        String status = "D" + seed;
        String description = "Crash day " + seed;
        try (Connection connection = database.connect();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO exporter_demo_appointment (instancestatus, enddatetime, locationbookableid, name,"
                                + " bookableid, appointment, ticketstatus, type, instancebk, startdatetime, status) SELECT"
                                + " 'Active', '2020-01-01T10:00:00Z', 1, 'Name ' || n, n, 'Visit', 'Booked', 'B', ? || '-' || n,"
                                + " '2020-01-01T09:00:00Z', ? FROM generate_series(1, ?) n")) {
            insert.setString(1, status);
            insert.setString(2, status);
            insert.setInt(3, 50 + random.nextInt(1000));
            insert.executeUpdate();
        }
        List<String> operations = new ArrayList<>(List.of("SFTP", "RECEIVER", "EMAIL"));
        Collections.shuffle(operations, random);
        Http.Answer created = HTTP.post(
                exporters.get(0).uri().resolve("exporter/schedules"),
                JSON.writeValueAsBytes(Map.of(
                        "description",
                        description,
                        "dataSource",
                        "sampleAppointments",
                        "fileType",
                        "CSV",
                        "operations",
                        operations,
                        "recipients",
                        List.of(Map.of("address", "day" + seed + "@crash.test")),
                        "sftpDetailsKey",
                        "crash-sftp",
                        "frequency",
                        Map.of("type", "daily"),
                        "timezone",
                        "UTC",
                        "parameters",
                        Map.of("status", status))),
                "application/json");
        expect(created, 201, "create the schedule", seed);
        String businessKey = JSON.readTree(created.body()).get("businessKey").asText();

        // One replica is triggered first, so it most likely claims the export; it is the victim in two trials of three.
        ServiceProcess first = exporters.get(random.nextInt(exporters.size()));
        List<CompletableFuture<Http.Answer>> runs = new ArrayList<>();
        runs.add(CompletableFuture.supplyAsync(() -> processSchedules(first)));
        Thread.sleep(100);
        for (ServiceProcess exporter : exporters) {
            if (exporter != first) {
                runs.add(CompletableFuture.supplyAsync(() -> processSchedules(exporter)));
            }
        }
        Thread.sleep(random.nextInt(2500));
        ServiceProcess victim = random.nextInt(3) < 2 ? first : exporters.get(random.nextInt(exporters.size()));
        victim.kill();
        trials.killed();
        for (CompletableFuture<Http.Answer> run : runs) {
            run.get(5, TimeUnit.MINUTES);
        }
        victim.restart();
        long runId = recover(trials, seed, businessKey);
        check(trials, seed, businessKey, description, runId);
    }

    private static Http.Answer processSchedules(ServiceProcess exporter) {
        try {
            return HTTP.post(exporter.uri().resolve("exporter/process-schedules"));
        } catch (IOException killed) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * What an operator does after a crash: the next daily run marks the interrupted run FAILED once it is stale, and
     * the failed run is retried under its id. Returns the day's run once it SUCCEEDED.
     */
    private long recover(Trials trials, long seed, String businessKey) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        boolean counted = false;
        while (System.nanoTime() < deadline) {
            List<String[]> runs = query("SELECT id, status FROM exporter_run WHERE business_key = ?", businessKey);
            if (runs.size() == 1 && runs.get(0)[1].equals("SUCCEEDED")) {
                if (counted) {
                    trials.count("kills-during-the-run");
                }
                return Long.parseLong(runs.get(0)[0]);
            }
            counted = true;
            ServiceProcess any = exporters.get((int) (System.nanoTime() % exporters.size()));
            if (runs.isEmpty() || runs.get(0)[1].equals("RUNNING")) {
                Thread.sleep(1000);
                processSchedules(any);
            } else if (runs.get(0)[1].equals("FAILED")) {
                trials.count("retries");
                HTTP.post(any.uri().resolve("exporter/runs/" + runs.get(0)[0] + "/retry"));
            }
        }
        throw new AssertionError("The day's run of " + businessKey + " did not succeed (replay with -Dcrash.seed="
                + seed + " -Dcrash.trials=1)");
    }

    private void check(Trials trials, long seed, String businessKey, String description, long runId) throws Exception {
        String day = "seed " + seed + " schedule " + businessKey + " run " + runId;
        trials.check(
                query("SELECT id FROM exporter_run WHERE business_key = ?", businessKey)
                                .size()
                        == 1,
                seed,
                day + ": not exactly one run for the day");

        List<Path> sftpFiles;
        try (Stream<Path> files = Files.list(sftpRoot.resolve("in"))) {
            sftpFiles = files.filter(f -> f.getFileName().toString().contains("_run" + runId + "."))
                    .toList();
        }
        List<Path> visible = sftpFiles.stream()
                .filter(f -> !f.getFileName().toString().startsWith("."))
                .toList();
        if (trials.check(
                visible.size() == 1, seed, day + ": " + visible.size() + " SFTP files instead of one: " + sftpFiles)) {
            Path local = work.resolve("runs")
                    .resolve(businessKey)
                    .resolve(Long.toString(runId))
                    .resolve(visible.get(0).getFileName());
            trials.check(
                    Arrays.equals(Files.readAllBytes(visible.get(0)), Files.readAllBytes(local)),
                    seed,
                    day + ": the SFTP file differs from the run's file");
        }
        if (sftpFiles.size() > visible.size()) {
            trials.count("sftp-part-files-left");
        }

        String transactionId = "exporter-run-" + runId;
        trials.check(
                query(
                                "SELECT receiver_transaction_status FROM bdi_receiver_transaction WHERE transaction_id = ?",
                                transactionId)
                        .stream()
                        .map(r -> r[0])
                        .toList()
                        .equals(List.of("COMPLETED")),
                seed,
                day + ": not exactly one COMPLETED receiver transaction");
        trials.check(
                query("SELECT 1 FROM bdi_upldr_iface_mod_data_ctl WHERE remote_transaction_id = ?", transactionId)
                                .size()
                        == 1,
                seed,
                day + ": not exactly one hand-over row");

        List<String[]> audit = query(
                "SELECT event->>'outcome' FROM exporter_history_event WHERE labelb = ?"
                        + " AND labelc = 'reporting_audit'",
                businessKey);
        long succeeded = audit.stream().filter(r -> "SUCCEEDED".equals(r[0])).count();
        trials.check(succeeded == 1, seed, day + ": " + succeeded + " audit events of the success instead of one");
        if (audit.size() > 1) {
            trials.count("failure-audit-events");
        }

        long mails = 0;
        for (MimeMessage message : smtp.getReceivedMessages()) {
            if (description.equals(message.getSubject())) {
                mails++;
            }
        }
        trials.check(mails >= 1 && mails <= 2, seed, day + ": " + mails + " mails");
        if (mails == 2) {
            trials.count("email-duplicates");
        }
        trials.check(
                query("SELECT operation FROM exporter_delivery WHERE run_id = ?", Long.toString(runId))
                                .size()
                        == 3,
                seed,
                day + ": not three deliveries in the ledger");
    }

    private static List<String[]> query(String sql, String parameter) throws Exception {
        try (Connection connection = database.connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            if (sql.contains("run_id = ?")) {
                statement.setLong(1, Long.parseLong(parameter));
            } else {
                statement.setString(1, parameter);
            }
            List<String[]> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    String[] row = new String[columns];
                    for (int c = 0; c < columns; c++) {
                        row[c] = result.getString(c + 1);
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    private static void expect(Http.Answer answer, int status, String what, long seed) {
        if (answer.status() != status) {
            throw new AssertionError(what + " answered " + answer.status() + " " + answer.body()
                    + " (replay with -Dcrash.seed=" + seed + " -Dcrash.trials=1)");
        }
    }
}
