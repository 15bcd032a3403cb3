package org.bdisuite.runtime.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.bdisuite.test.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** The start's migration on a real PostgreSQL: Flyway only when the database lacks a migration of this build. */
class SchemaMigrationTest {

    private static final Path MIGRATIONS = Path.of("../common-model/src/main/resources/db/migration");

    private TestDatabase.Coordinates database;
    private PGSimpleDataSource dataSource;
    private final AtomicInteger flywaysMade = new AtomicInteger();

    @BeforeEach
    void emptyDatabase() {
        database = TestDatabase.createDatabase();
        dataSource = database.dataSource();
    }

    private Supplier<Flyway> countingFlyway() {
        return () -> {
            flywaysMade.incrementAndGet();
            return Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .outOfOrder(true)
                    .load();
        };
    }

    private static Set<String> migrationFiles() throws IOException {
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            Set<String> versions = new TreeSet<>();
            files.map(f -> f.getFileName().toString())
                    .filter(name -> name.matches("V\\d+__.+\\.sql"))
                    .forEach(name -> versions.add(name.substring(1, name.indexOf("__"))));
            return versions;
        }
    }

    @Test
    void theBuildCarriesEveryVersionedMigrationOfCommonModel() throws IOException {
        assertThat(PackagedMigrations.versions()).contains(migrationFiles());
    }

    @Test
    void anEmptyDatabaseIsMigratedAndTheNextStartDoesNotStartFlyway() throws Exception {
        new SchemaMigration(dataSource, countingFlyway()).ensureCurrent();

        assertThat(flywaysMade).hasValue(1);
        assertThat(appliedVersions()).containsAll(migrationFiles());

        SchemaMigration nextStart = new SchemaMigration(dataSource, countingFlyway());
        nextStart.ensureCurrent();
        nextStart.ensureCurrent();
        assertThat(flywaysMade).as("a current schema answers from one query").hasValue(1);
    }

    @Test
    void aDatabaseThatLacksOneMigrationOfThisBuildIsMigrated() throws Exception {
        new SchemaMigration(dataSource, countingFlyway()).ensureCurrent();
        String newest = newestVersion();
        // As an older release left it: the newest migration neither applied nor recorded.
        execute("DELETE FROM flyway_schema_history WHERE version = '" + newest + "'");

        new SchemaMigration(dataSource, countingFlyway()).ensureCurrent();

        assertThat(flywaysMade).hasValue(2);
        assertThat(appliedVersions()).contains(newest);
    }

    @Test
    void aFailedMigrationIsNotTakenForApplied() throws Exception {
        new SchemaMigration(dataSource, countingFlyway()).ensureCurrent();
        execute("UPDATE flyway_schema_history SET success = false WHERE version = '" + newestVersion() + "'");

        assertThat(new SchemaMigration(dataSource, countingFlyway()).applied()).doesNotContain(newestVersion());
    }

    @Test
    void migrationsOfANewerReleaseDoNotMakeTheSchemaBehind() throws Exception {
        new SchemaMigration(dataSource, countingFlyway()).ensureCurrent();
        execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum,"
                + " installed_by, execution_time, success) VALUES (9999, '9999', 'newer release', 'SQL',"
                + " 'V9999__newer_release.sql', 0, 'postgres', 1, true)");

        new SchemaMigration(dataSource, countingFlyway()).ensureCurrent();

        assertThat(flywaysMade).hasValue(1);
    }

    private String newestVersion() throws IOException {
        return migrationFiles().stream()
                .max((a, b) -> Long.compare(Long.parseLong(a), Long.parseLong(b)))
                .orElseThrow();
    }

    private Set<String> appliedVersions() {
        return new SchemaMigration(dataSource, countingFlyway()).applied();
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
