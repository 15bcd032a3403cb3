package org.bdisuite.runtime.persistence;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

/**
 * Brings the shared schema up to this build's migrations before anything else of the service touches it: the first
 * observer of the start (before the Quartz scheduler's), and JBeret's job repository, which is built even earlier,
 * calls {@link #ensureCurrent()} itself.
 * <p>
 * Flyway runs only when the database lacks one of the migrations this build carries. Once the schema is current
 * (every start but the first after an upgrade) one query on Flyway's history answers instead: Flyway's own start
 * (its configuration, plugins and a validation of every applied migration) was the largest single step of a
 * service's start (docs/BENCHMARKS.md, "Start-up"). What is skipped then is the checksum validation of migrations
 * already applied; a migration is never edited after it shipped (docs/ARCHITECTURE.md). When Flyway does run, its
 * advisory lock still makes three services starting at once safe.
 */
@Singleton
public class SchemaMigration {

    /** Before every other start observer (Quarkus's Quartz scheduler starts at PLATFORM_BEFORE, 0). */
    static final int FIRST = -1_000;

    private static final Logger LOG = Logger.getLogger(SchemaMigration.class);
    private static final String APPLIED =
            "SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL";

    private final DataSource dataSource;
    private final Supplier<Flyway> flyway;
    private boolean current;

    @Inject
    public SchemaMigration(AgroalDataSource dataSource, Instance<Flyway> flyway) {
        this(dataSource, flyway::get);
    }

    /** @param flyway made only when the schema is behind (making it is most of Flyway's cost) */
    SchemaMigration(DataSource dataSource, Supplier<Flyway> flyway) {
        this.dataSource = dataSource;
        this.flyway = flyway;
    }

    void onStart(@Observes @Priority(FIRST) StartupEvent start) {
        ensureCurrent();
    }

    /** Migrates unless every migration of this build is applied; after the first call it returns at once. */
    public synchronized void ensureCurrent() {
        if (current) {
            return;
        }
        Optional<Set<String>> packaged = PackagedMigrations.versions();
        if (packaged.isPresent() && !packaged.get().isEmpty() && applied().containsAll(packaged.get())) {
            LOG.debugf(
                    "Schema has all %d migrations of this build: Flyway not started",
                    packaged.get().size());
        } else {
            flyway.get().migrate();
        }
        current = true;
    }

    /** The versions Flyway applied successfully; none when its history table does not exist yet. */
    Set<String> applied() {
        try (Connection connection = dataSource.getConnection()) {
            if (!historyExists(connection)) {
                return Set.of();
            }
            Set<String> versions = new HashSet<>();
            try (PreparedStatement statement = connection.prepareStatement(APPLIED);
                    ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    versions.add(rows.getString(1));
                }
            }
            return versions;
        } catch (SQLException unreadable) {
            // Flyway's own run will say what is wrong with the database, with its usual message.
            return Set.of();
        }
    }

    private static boolean historyExists(Connection connection) throws SQLException {
        try (PreparedStatement statement =
                        connection.prepareStatement("SELECT to_regclass('flyway_schema_history') IS NOT NULL");
                ResultSet row = statement.executeQuery()) {
            return row.next() && row.getBoolean(1);
        }
    }
}
