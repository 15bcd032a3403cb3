package org.bdisuite.runtime.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bdisuite.test.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** Quartz's lock rows exist before a clustered scheduler starts, however many replicas start at once. */
class QuartzLockRowsTest {

    private TestDatabase.Coordinates database;
    private PGSimpleDataSource dataSource;

    @BeforeEach
    void migratedDatabase() {
        database = TestDatabase.createDatabase();
        dataSource = new PGSimpleDataSource();
        dataSource.setUrl(database.jdbcUrl());
        dataSource.setUser(database.username());
        dataSource.setPassword(database.password());
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    @Test
    void aDatabaseStoreGetsBothLockRowsOfItsScheduler() throws Exception {
        QuartzLockRows rows = new QuartzLockRows(dataSource, Optional.of("jdbc-cmt"), "exporter-service");

        assertThat(rows.ensure()).isTrue();
        assertThat(rows.ensure()).as("a restart finds them there").isTrue();

        assertThat(lockRows()).containsExactly("exporter-service/STATE_ACCESS", "exporter-service/TRIGGER_ACCESS");
    }

    @Test
    void threeReplicasStartingAtOnceAllStart() throws Exception {
        ExecutorService replicas = Executors.newFixedThreadPool(3);
        try {
            List<Future<Boolean>> starts = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Callable<Boolean> start =
                        () -> new QuartzLockRows(dataSource, Optional.of("jdbc-cmt"), "exporter-service").ensure();
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
        assertThat(new QuartzLockRows(dataSource, Optional.empty(), "batch").ensure())
                .isFalse();
        assertThat(new QuartzLockRows(dataSource, Optional.of("ram"), "batch").ensure())
                .isFalse();

        assertThat(lockRows()).isEmpty();
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
