package org.bdisuite.crash;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * delivering by SFTP (MINA SSHD in this JVM), RECEIVER (a receiver process) and EMAIL (GreenMail), simulate a
 * calendar: every replica reads its clock with the offset in one shared file (suite.exporter.clock.offset-file, a
 * test setting), and each trial is the next day. Three daily schedules (SFTP, RECEIVER and EMAIL in random order)
 * are due every day; the day's run (POST /exporter/process-schedules) is triggered on every live replica at once and
 * a random replica is killed at a random point of it, then restarted in the background (the next day goes on with
 * the others meanwhile). A run the killed replica held stops heartbeating: a surviving replica's heartbeat marks it
 * FAILED (suite.exporter.run-heartbeat.stale-after, 4 s here; the age limit stays at its 6 h default, so only the
 * heartbeat finds it), and the operator's retry (POST /exporter/runs/{id}/retry) completes it. Then each (schedule,
 * day) must have exactly one run, one SFTP file (the run's bytes), one COMPLETED receiver transaction with one
 * hand-over row, one audit event of the success, three ledger deliveries, and the mail once; a second mail (the kill
 * fell between the SMTP send and the delivery's ledger row: the documented window) is counted, a third is a loss.
 *
 * <p>At least 30 days run (crash.trials when larger); {@code -Dcrash.trials=1 -Dcrash.seed=<s>} replays one day.
 */
class ExporterCrashIT {

    private static final String ADMIN = "crash-admin";
    private static final String PASSWORD = "crash-admin-password-1";
    private static final String SFTP_PASSWORD = "sftp-crash-password-1";
    private static final int SCHEDULES = 3;
    private static final int REPLICAS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Http HTTP = new Http(ADMIN, PASSWORD);
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    private static final Pattern MAIL_RUN = Pattern.compile("\\(schedule (\\S+), run (\\d+)\\)");

    private static TestDatabase.Coordinates database;
    private static Path work;
    private static Path clockOffset;
    private static GreenMail smtp;
    private static SshServer sftp;
    private static Path sftpRoot;
    private static ServiceProcess receiver;
    private static final List<ServiceProcess> exporters = new ArrayList<>();
    /** Replicas being restarted in the background, until ready. */
    private static final Map<ServiceProcess, CompletableFuture<Void>> restarting = new ConcurrentHashMap<>();

    @BeforeAll
    static void startEverything() throws Exception {
        database = TestDatabase.createDatabase();
        work = Files.createTempDirectory("exporter-crash");
        clockOffset = work.resolve("clock-offset");
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
        receiver = CrashJvm.start("receiver-service", environment, work);
        environment.putAll(Map.of(
                "SUITE_EXPORTER_RECEIVER_URL",
                receiver.uri().toString(),
                "SUITE_EXPORTER_RECEIVER_USER",
                ADMIN,
                "SUITE_EXPORTER_RECEIVER_PASSWORD",
                PASSWORD,
                "SUITE_EXPORTER_RECEIVER_BLOCK_BYTES",
                "2000",
                "SUITE_EXPORTER_WORK_DIR",
                work.resolve("runs").toString(),
                "SUITE_EXPORTER_LOG_DIR",
                work.resolve("logs").toString(),
                "SUITE_EXPORTER_DAILY_ENABLED",
                "false",
                "SUITE_EXPORTER_CLOCK_OFFSET_FILE",
                clockOffset.toString()));
        // A replica that stops renewing its runs' heartbeat for 4 s is presumed dead (production: 1 min); the age
        // limit (suite.exporter.stale-run-after) keeps its 6 h default.
        environment.put("SUITE_EXPORTER_RUN_HEARTBEAT_INTERVAL", "PT0.25S");
        environment.put("SUITE_EXPORTER_RUN_HEARTBEAT_STALE_AFTER", "PT4S");
        environment.putAll(Map.of(
                "QUARKUS_MAILER_HOST", "127.0.0.1",
                "QUARKUS_MAILER_PORT", Integer.toString(smtp.getSmtp().getPort()),
                "QUARKUS_MAILER_START_TLS", "DISABLED",
                "QUARKUS_MAILER_MOCK", "false"));
        exporters.addAll(CrashJvm.start("exporter-service", REPLICAS, environment, work));
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
        awaitRestarts();
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
    void threeReplicasOneKilledDuringEachDaysRunForThirtyDaysAndMore() throws Exception {
        Trials trials = new Trials("exporter", 1, 30);
        trials.add("email-duplicates", 0); // printed even when none
        try {
            List<String> schedules = createSchedules(new Random(trials.seedOf(0)));
            for (int day = 0; day < trials.count(); day++) {
                day(trials, trials.seedOf(day), day + 1, schedules);
                trials.trialDone();
            }
        } finally {
            awaitRestarts();
            trials.printSummary();
        }
        trials.assertNoLosses();
    }

    /** Three daily schedules over rows of their own, each with SFTP, RECEIVER and EMAIL in random order. */
    private static List<String> createSchedules(Random random) throws Exception {
        List<String> keys = new ArrayList<>();
        for (int s = 0; s < SCHEDULES; s++) {
            String status = "S" + s + "-" + random.nextInt(1_000_000);
            try (Connection connection = database.connect();
                    PreparedStatement insert = connection.prepareStatement(
                            "INSERT INTO exporter_demo_appointment (instancestatus, enddatetime, locationbookableid,"
                                    + " name, bookableid, appointment, ticketstatus, type, instancebk, startdatetime,"
                                    + " status) SELECT 'Active', '2020-01-01T10:00:00Z', 1, 'Name ' || n, n, 'Visit',"
                                    + " 'Booked', 'B', ? || '-' || n, '2020-01-01T09:00:00Z', ? FROM"
                                    + " generate_series(1, ?) n")) {
                insert.setString(1, status);
                insert.setString(2, status);
                insert.setInt(3, 50 + random.nextInt(250));
                insert.executeUpdate();
            }
            List<String> operations = new ArrayList<>(List.of("SFTP", "RECEIVER", "EMAIL"));
            Collections.shuffle(operations, random);
            Http.Answer created = HTTP.post(
                    exporters.get(0).uri().resolve("exporter/schedules"),
                    JSON.writeValueAsBytes(Map.of(
                            "description",
                            "Crash schedule " + status,
                            "dataSource",
                            "sampleAppointments",
                            "fileType",
                            "CSV",
                            "operations",
                            operations,
                            "recipients",
                            List.of(Map.of("address", "schedule" + s + "@crash.test")),
                            "sftpDetailsKey",
                            "crash-sftp",
                            "frequency",
                            Map.of("type", "daily"),
                            "timezone",
                            "UTC",
                            "parameters",
                            Map.of("status", status))),
                    "application/json");
            if (created.status() != 201) {
                throw new IllegalStateException("create a schedule: " + created.status() + " " + created.body());
            }
            keys.add(JSON.readTree(created.body()).get("businessKey").asText());
        }
        return keys;
    }

    private void day(Trials trials, long seed, int dayNumber, List<String> schedules) throws Exception {
        Random random = new Random(seed);
        LocalDate date = moveClockTo(dayNumber);
        List<ServiceProcess> live = liveReplicas();
        List<CompletableFuture<Http.Answer>> runs = new ArrayList<>();
        for (ServiceProcess exporter : live) {
            runs.add(CompletableFuture.supplyAsync(() -> processSchedules(exporter)));
            Thread.sleep(random.nextInt(50));
        }
        Thread.sleep(random.nextInt(1500));
        ServiceProcess victim = live.get(random.nextInt(live.size()));
        victim.kill();
        trials.killed();
        restarting.put(victim, CompletableFuture.runAsync(() -> restart(trials, victim)));
        for (CompletableFuture<Http.Answer> run : runs) {
            run.get(5, TimeUnit.MINUTES);
        }
        recover(trials, seed, date, schedules);
        for (String businessKey : schedules) {
            check(trials, seed, businessKey, date);
        }
    }

    /** Every replica's clock now reads day {@code dayNumber} after today (the file is replaced in one step). */
    private static LocalDate moveClockTo(int dayNumber) throws IOException {
        Path next = clockOffset.resolveSibling("clock-offset.next");
        Files.writeString(next, "P" + dayNumber + "D");
        Files.move(next, clockOffset, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return TODAY.plusDays(dayNumber);
    }

    /** Waits for the background restarts (their figures count), whether they came back or not. */
    private static void awaitRestarts() throws Exception {
        for (java.util.concurrent.CompletableFuture<Void> restart : restarting.values()) {
            restart.handle((done, failed) -> null).get(5, TimeUnit.MINUTES);
        }
    }

    /** The replicas that are up; waits for a restart when fewer than two are, so that one can survive a kill. */
    private static List<ServiceProcess> liveReplicas() throws Exception {
        for (CompletableFuture<Void> restart : restarting.values()) {
            if (restart.isCompletedExceptionally()) {
                restart.join(); // a replica that did not come back fails the run
            }
        }
        restarting.values().removeIf(CompletableFuture::isDone);
        while (REPLICAS - restarting.size() < 2) {
            CompletableFuture.anyOf(restarting.values().toArray(CompletableFuture[]::new))
                    .get(5, TimeUnit.MINUTES);
            restarting.values().removeIf(CompletableFuture::isDone);
        }
        return exporters.stream().filter(e -> !restarting.containsKey(e)).toList();
    }

    private static void restart(Trials trials, ServiceProcess exporter) {
        try {
            trials.restart(exporter);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
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
     * Until every schedule's run of the day SUCCEEDED: a run left RUNNING by the killed replica is marked FAILED by
     * a live replica's heartbeat (nothing here does it), and a FAILED run is retried under its id, as an operator
     * would. A day the kill missed needs nothing.
     */
    private static void recover(Trials trials, long seed, LocalDate date, List<String> schedules) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        boolean interrupted = false;
        while (System.nanoTime() < deadline) {
            List<String[]> runs =
                    query("SELECT id, status, business_key FROM exporter_run WHERE fire_date = ?", date.toString());
            if (runs.size() == schedules.size() && runs.stream().allMatch(r -> r[1].equals("SUCCEEDED"))) {
                if (interrupted) {
                    trials.count("kills-during-a-run");
                }
                return;
            }
            String[] failed =
                    runs.stream().filter(r -> r[1].equals("FAILED")).findFirst().orElse(null);
            if (failed != null) {
                interrupted = true;
                trials.count("retries");
                ServiceProcess any = liveReplicas().get((int) (System.nanoTime() % 2));
                HTTP.post(any.uri().resolve("exporter/runs/" + failed[0] + "/retry"));
            } else if (runs.size() < schedules.size()) {
                // Every replica that received the trigger died before claiming a schedule: trigger again.
                processSchedules(liveReplicas().get(0));
            } else {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("The runs of " + date + " did not all succeed (replay with -Dcrash.seed=" + seed
                + " -Dcrash.trials=1)");
    }

    private void check(Trials trials, long seed, String businessKey, LocalDate date) throws Exception {
        String day = "seed " + seed + " schedule " + businessKey + " day " + date;
        List<String[]> runs = query(
                "SELECT id FROM exporter_run WHERE business_key = ? AND fire_date = ?", businessKey, date.toString());
        if (!trials.check(runs.size() == 1, seed, day + ": " + runs.size() + " runs instead of one")) {
            return;
        }
        long runId = Long.parseLong(runs.get(0)[0]);
        day += " run " + runId;

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
                        + " AND labelc = 'reporting_audit' AND event->>'runId' = ?",
                businessKey,
                Long.toString(runId));
        long succeeded = audit.stream().filter(r -> "SUCCEEDED".equals(r[0])).count();
        trials.check(succeeded == 1, seed, day + ": " + succeeded + " audit events of the success instead of one");
        long failures = audit.size() - succeeded;
        trials.check(failures <= 1, seed, day + ": " + failures + " audit events of a failure (one kill a day)");
        trials.add("failure-audit-events", failures);

        List<String> messageIds = messageIdsOfTheMailsOf(runId);
        int mails = messageIds.size();
        trials.check(mails >= 1 && mails <= 2, seed, day + ": " + mails + " mails");
        if (mails == 2) {
            trials.count("email-duplicates");
            // The resend carries the first mail's Message-ID, so mail systems that drop a seen one drop it.
            trials.check(
                    messageIds.get(0).equals(messageIds.get(1)), seed, day + ": a duplicate with another Message-ID");
        }
        trials.check(
                query("SELECT operation FROM exporter_delivery WHERE run_id = ?::bigint", Long.toString(runId))
                                .size()
                        == 3,
                seed,
                day + ": not three deliveries in the ledger");
    }

    /**
     * The mails of one run (its text names the run), counted over every received mail: the schedules have one
     * recipient each, so a mail is one message in GreenMail. Not told apart by Message-ID: the resend of a retried
     * run carries the first one's on purpose (EmailDelivery), and that duplicate must be counted.
     */
    private static List<String> messageIdsOfTheMailsOf(long runId) throws Exception {
        List<String> messageIds = new ArrayList<>();
        for (MimeMessage mail : smtp.getReceivedMessages()) {
            Matcher matcher = MAIL_RUN.matcher(text(mail.getContent()));
            if (matcher.find() && Long.parseLong(matcher.group(2)) == runId) {
                messageIds.add(mail.getMessageID());
            }
        }
        return messageIds;
    }

    private static String text(Object content) throws Exception {
        if (content instanceof MimeMultipart multipart) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                if (multipart.getBodyPart(i).isMimeType("text/plain")
                        || multipart.getBodyPart(i).isMimeType("multipart/*")) {
                    text.append(text(multipart.getBodyPart(i).getContent()));
                }
            }
            return text.toString();
        }
        return content instanceof String string ? string : "";
    }

    private static List<String[]> query(String sql, String... parameters) throws Exception {
        try (Connection connection = database.connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i], java.sql.Types.OTHER);
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
}
