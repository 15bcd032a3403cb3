package org.bdisuite.runtime.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bdisuite.test.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Replicas that start at once all start their clustered scheduler: Quartz's lock rows exist before it, and one replica
 * at a time makes it.
 */
class QuartzStartTest {

    private TestDatabase.Coordinates database;
    private PGSimpleDataSource dataSource;

    @BeforeEach
    void migratedDatabase() {
        database = TestDatabase.createDatabase();
        dataSource = database.dataSource();
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    @Test
    void aDatabaseStoreGetsBothLockRowsOfItsScheduler() throws Exception {
        QuartzStart rows = new QuartzStart(dataSource, Optional.of("jdbc-cmt"), "exporter-service");

        assertThat(rows.ensureLockRows()).isTrue();
        assertThat(rows.ensureLockRows()).as("a restart finds them there").isTrue();

        assertThat(lockRows()).containsExactly("exporter-service/STATE_ACCESS", "exporter-service/TRIGGER_ACCESS");
    }

    @Test
    void threeReplicasStartingAtOnceAllStart() throws Exception {
        ExecutorService replicas = Executors.newFixedThreadPool(3);
        try {
            List<Future<Boolean>> starts = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Callable<Boolean> start =
                        () -> new QuartzStart(dataSource, Optional.of("jdbc-cmt"), "exporter-service").ensureLockRows();
                starts.add(replicas.submit(start));
            }
            for (Future<Boolean> start : starts) {
                assertThat(start.get()).isTrue();
            }
        } finally {
            replicas.shutdown();
        }
        assertThat(lockRows()).hasSize(2);
    }

    @Test
    void aSchedulerWithoutTheDatabaseStoreNeedsNone() throws Exception {
        assertThat(new QuartzStart(dataSource, Optional.empty(), "batch").ensureLockRows())
                .isFalse();
        assertThat(new QuartzStart(dataSource, Optional.of("ram"), "batch").ensureLockRows())
                .isFalse();

        assertThat(lockRows()).isEmpty();
    }

    @Test
    void oneReplicaAtATimeMakesItsScheduler() throws Exception {
        QuartzStart first = new QuartzStart(dataSource, Optional.of("jdbc-cmt"), "exporter-service");
        QuartzStart second = new QuartzStart(dataSource, Optional.of("jdbc-cmt"), "exporter-service");
        QuartzStart otherService = new QuartzStart(dataSource, Optional.of("jdbc-cmt"), "receiver-service");
        first.beforeTheScheduler(null);
        CompletableFuture<Void> secondStart = CompletableFuture.runAsync(() -> second.beforeTheScheduler(null));
        try {
            awaitOneWaitingAdvisoryLock();
            assertThat(secondStart)
                    .as("waits while the first replica makes its scheduler")
                    .isNotDone();

            otherService.beforeTheScheduler(null);
            otherService.afterTheScheduler(null);
            assertThat(secondStart)
                    .as("another service's scheduler is not in the way")
                    .isNotDone();

            first.afterTheScheduler(null);
            secondStart.get(30, TimeUnit.SECONDS);
            assertThat(advisoryLocks()).containsExactly("granted");
        } finally {
            first.release();
            secondStart.get(30, TimeUnit.SECONDS);
            second.release();
        }
        assertThat(advisoryLocks()).isEmpty();
    }

    @Test
    void aStartThatFailsInQuartzLetsTheNextReplicaGoWhenTheBeanIsDestroyed() throws Exception {
        QuartzStart failed = new QuartzStart(dataSource, Optional.of("jdbc-cmt"), "exporter-service");
        failed.beforeTheScheduler(null);
        assertThat(advisoryLocks()).containsExactly("granted");

        failed.release();

        assertThat(advisoryLocks()).isEmpty();
        QuartzStart next = new QuartzStart(dataSource, Optional.of("jdbc-cmt"), "exporter-service");
        next.beforeTheScheduler(null);
        next.afterTheScheduler(null);
        assertThat(advisoryLocks()).isEmpty();
    }

    @Test
    void aSchedulerKeptInMemoryTakesNoLock() throws Exception {
        QuartzStart inMemory = new QuartzStart(dataSource, Optional.of("ram"), "batch");

        inMemory.beforeTheScheduler(null);

        assertThat(advisoryLocks()).isEmpty();
        inMemory.afterTheScheduler(null);
    }

    private void awaitOneWaitingAdvisoryLock() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!advisoryLocks().contains("waiting")) {
            assertThat(System.nanoTime())
                    .as("a second replica waiting for the lock")
                    .isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /** "granted" or "waiting" for every advisory lock of this test's database, granted first. */
    private List<String> advisoryLocks() throws Exception {
        List<String> locks = new ArrayList<>();
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT CASE WHEN granted THEN 'granted' ELSE 'waiting' END"
                        + " FROM pg_locks l JOIN pg_database d ON d.oid = l.database"
                        + " WHERE l.locktype = 'advisory' AND d.datname = current_database() ORDER BY 1")) {
            while (result.next()) {
                locks.add(result.getString(1));
            }
        }
        return locks;
    }

    private List<String> lockRows() throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement();
                ResultSet result =
                        statement.executeQuery("SELECT sched_name || '/' || lock_name FROM qrtz_locks ORDER BY 1")) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }
}
