package org.bdisuite.runtime.persistence;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The rows of Quartz's qrtz_locks for this service's clustered scheduler, made before the scheduler is. Quartz makes
 * a lock row the first time it takes the lock: a SELECT ... FOR UPDATE that finds nothing, then an INSERT. Replicas
 * that start at once on a database where no replica of theirs ran yet both insert; the second one's insert fails
 * inside the start's transaction, which Quartz then cannot use again, and that replica does not start (seen with
 * three exporter replicas in the crash trials). An INSERT ... ON CONFLICT DO NOTHING of both rows before the
 * scheduler is created leaves Quartz only rows that exist.
 */
@Singleton
public class QuartzLockRows {

    /** After the schema is current ({@link SchemaMigration#FIRST}), before Quarkus's Quartz scheduler (0). */
    static final int BEFORE_THE_SCHEDULER = SchemaMigration.FIRST + 1;

    /** The lock names Quartz's JDBC job store takes (StdJDBCConstants.LOCK_TRIGGER_ACCESS, LOCK_STATE_ACCESS). */
    private static final String INSERT = "INSERT INTO qrtz_locks (sched_name, lock_name)"
            + " VALUES (?, 'TRIGGER_ACCESS'), (?, 'STATE_ACCESS') ON CONFLICT DO NOTHING";

    private final DataSource dataSource;
    private final Optional<String> storeType;
    private final String schedulerName;

    @Inject
    public QuartzLockRows(
            AgroalDataSource dataSource,
            @ConfigProperty(name = "quarkus.quartz.store-type") Optional<String> storeType,
            @ConfigProperty(name = "quarkus.quartz.instance-name", defaultValue = "QuarkusQuartzScheduler")
                    String schedulerName) {
        this((DataSource) dataSource, storeType, schedulerName);
    }

    QuartzLockRows(DataSource dataSource, Optional<String> storeType, String schedulerName) {
        this.dataSource = dataSource;
        this.storeType = storeType;
        this.schedulerName = schedulerName;
    }

    void onStart(@Observes @Priority(BEFORE_THE_SCHEDULER) StartupEvent start) {
        ensure();
    }

    /** Inserts the scheduler's lock rows when the service keeps Quartz's state in the database; true if it does. */
    boolean ensure() {
        if (storeType.filter(type -> type.startsWith("jdbc")).isEmpty()) {
            return false;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, schedulerName);
            insert.setString(2, schedulerName);
            insert.executeUpdate();
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("Making Quartz's lock rows of " + schedulerName + " failed", e);
        }
    }
}
