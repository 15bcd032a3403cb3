package org.bdisuite.crash;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bdisuite.test.ServiceProcess;
import org.bdisuite.test.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Database restart trials (issue 18, kind 4): PostgreSQL stopped and started again (same port and data) under load,
 * the services left running. Each trial is a {@link ReceiverTrial} whose strikes restart the database instead of
 * killing the receiver (during the uploads, and in half the trials during endTransaction), while a writer creates
 * exporter schedules all along. The services must answer again without a restart of their own; every block answered
 * 200 must be on disk with its row, the merged files and the one hand-over row must follow, and every schedule
 * answered 201 must exist.
 */
class DatabaseRestartCrashIT {

    private static final String ADMIN = "crash-admin";
    private static final String PASSWORD = "crash-admin-password-1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Http HTTP = new Http(ADMIN, PASSWORD);

    private static RestartablePostgres postgres;
    private static TestDatabase.Coordinates database;
    private static Path work;
    private static ServiceProcess receiver;
    private static ServiceProcess exporter;

    @BeforeAll
    static void startServices() throws Exception {
        postgres = new RestartablePostgres();
        database = postgres.createDatabase("crash_restart");
        work = Files.createTempDirectory("database-restart-crash");
        Map<String, String> environment = ServiceProcess.suiteEnvironment(database, ADMIN, PASSWORD, work);
        environment.put("SUITE_RECEIVER_TEMPORARY_FILES_SWEEP_AFTER", "PT0S");
        environment.put("SUITE_EXPORTER_DAILY_ENABLED", "false");
        environment.put("SUITE_EXPORTER_WORK_DIR", work.resolve("runs").toString());
        environment.put("SUITE_EXPORTER_LOG_DIR", work.resolve("logs").toString());
        receiver = CrashJvm.start("receiver-service", environment, work);
        exporter = CrashJvm.start("exporter-service", environment, work);
    }

    @AfterAll
    static void stopServices() throws Exception {
        if (exporter != null) {
            exporter.close();
        }
        if (receiver != null) {
            receiver.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    /** Stops PostgreSQL (fast shutdown) and, on recover, starts it again; the target replica is left running. */
    private static final ReceiverTrial.Disruption RESTART_DATABASE = new ReceiverTrial.Disruption() {
        @Override
        public void strike(ServiceProcess target) throws Exception {
            postgres.stop();
        }

        @Override
        public void recover(ServiceProcess target) throws Exception {
            Thread.sleep(500);
            postgres.start();
        }
    };

    @Test
    void postgresRestartedUnderLoadWhileTheServicesKeepRunning() throws Exception {
        Trials trials = new Trials("database-restart");
        try {
            for (int trial = 0; trial < trials.count(); trial++) {
                long seed = trials.seedOf(trial);
                Set<String> schedules = ConcurrentHashMap.newKeySet();
                AtomicBoolean writing = new AtomicBoolean(true);
                Thread writer = new Thread(() -> writeSchedules(seed, schedules, writing, trials));
                writer.start();
                try {
                    new ReceiverTrial(
                                    seed,
                                    "DB",
                                    trials,
                                    List.of(receiver),
                                    database,
                                    work.resolve("interfaces"),
                                    HTTP,
                                    RESTART_DATABASE)
                            .run();
                } finally {
                    writing.set(false);
                    writer.join();
                }
                trials.check(receiver.alive() && exporter.alive(), seed, "seed " + seed + ": a service died");
                checkSchedules(trials, seed, schedules);
                trials.trialDone();
            }
        } finally {
            trials.printSummary();
        }
        trials.assertNoLosses();
    }

    /** Creates exporter schedules one after another while the trial runs; remembers those answered 201. */
    private static void writeSchedules(long seed, Set<String> acknowledged, AtomicBoolean writing, Trials trials) {
        int n = 0;
        while (writing.get()) {
            try {
                Http.Answer created = HTTP.post(
                        exporter.uri().resolve("exporter/schedules"),
                        JSON.writeValueAsBytes(Map.of(
                                "description",
                                "Restart " + seed + " " + n++,
                                "dataSource",
                                "sampleAppointments",
                                "fileType",
                                "CSV",
                                "operations",
                                List.of("EMAIL"),
                                "recipients",
                                List.of(Map.of("address", "restart@crash.test")),
                                "frequency",
                                Map.of("type", "daily"),
                                "timezone",
                                "UTC")),
                        "application/json");
                if (created.status() == 201) {
                    acknowledged.add(
                            JSON.readTree(created.body()).get("businessKey").asText());
                } else {
                    trials.count("exporter-non-201-answers");
                    Thread.sleep(100);
                }
            } catch (IOException e) {
                trials.count("exporter-unanswered");
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static void checkSchedules(Trials trials, long seed, Set<String> acknowledged) throws Exception {
        trials.add("exporter-schedules-acknowledged", acknowledged.size());
        try (Connection connection = database.connect();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT count(*) FROM exporter_schedule WHERE business_key = ANY (?)")) {
            select.setArray(1, connection.createArrayOf("varchar", acknowledged.toArray()));
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                trials.check(
                        rows.getLong(1) == acknowledged.size(),
                        seed,
                        "seed " + seed + ": only " + rows.getLong(1) + " of " + acknowledged.size()
                                + " acknowledged exporter schedules exist");
            }
        }
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        Http.Answer ready = HTTP.get(exporter.uri().resolve("q/health/ready"));
        while (ready.status() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(250);
            ready = HTTP.get(exporter.uri().resolve("q/health/ready"));
        }
        trials.check(
                ready.status() == 200, seed, "seed " + seed + ": the exporter is not ready again: " + ready.body());
    }
}
