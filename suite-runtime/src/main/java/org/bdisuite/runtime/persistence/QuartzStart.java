package org.bdisuite.runtime.persistence;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The start of this service's clustered Quartz scheduler, made safe for replicas that start at once. Quartz's JDBC
 * job store reads and then writes in two places, and replicas that interleave there fail to start (both seen with
 * three exporter replicas in the crash trials):
 *
 * <ul>
 *   <li>its lock rows (qrtz_locks) are made the first time a lock is taken: a SELECT ... FOR UPDATE that finds
 *       nothing, then an INSERT; the second replica's INSERT fails. They are inserted here first, ON CONFLICT DO
 *       NOTHING;
 *   <li>Quarkus stores each {@code @Scheduled} method's job when it finds no trigger for it, and that check runs
 *       outside Quartz's lock: two replicas both find none, and the second one's store fails with
 *       ObjectAlreadyExistsException. So one replica at a time makes its scheduler: an advisory lock per scheduler
 *       name is taken just before Quarkus's scheduler observer (priority 0) and released just after it.
 * </ul>
 */
@Singleton
public class QuartzStart {

    /** After the schema is current ({@link SchemaMigration#FIRST}), before Quarkus's Quartz scheduler (0). */
    static final int BEFORE_THE_SCHEDULER = SchemaMigration.FIRST + 1;

    /** Right after Quarkus's Quartz scheduler has been made and started (0). */
    static final int AFTER_THE_SCHEDULER = 1;

    /** How long a replica waits for the others to make their schedulers; each takes well under a second. */
    private static final Duration LONGEST_WAIT = Duration.ofMinutes(2);

    /** The lock names Quartz's JDBC job store takes (StdJDBCConstants.LOCK_TRIGGER_ACCESS, LOCK_STATE_ACCESS). */
    private static final String INSERT_LOCK_ROWS = "INSERT INTO qrtz_locks (sched_name, lock_name)"
            + " VALUES (?, 'TRIGGER_ACCESS'), (?, 'STATE_ACCESS') ON CONFLICT DO NOTHING";

    private final DataSource dataSource;
    private final boolean databaseStore;
    private final String schedulerName;
    private AdvisoryLock held;

    @Inject
    public QuartzStart(
            AgroalDataSource dataSource,
            @ConfigProperty(name = "quarkus.quartz.store-type") Optional<String> storeType,
            @ConfigProperty(name = "quarkus.quartz.instance-name", defaultValue = "QuarkusQuartzScheduler")
                    String schedulerName) {
        this((DataSource) dataSource, storeType, schedulerName);
    }

    QuartzStart(DataSource dataSource, Optional<String> storeType, String schedulerName) {
        this.dataSource = dataSource;
        this.databaseStore = storeType.filter(type -> type.startsWith("jdbc")).isPresent();
        this.schedulerName = schedulerName;
    }

    synchronized void beforeTheScheduler(@Observes @Priority(BEFORE_THE_SCHEDULER) StartupEvent start) {
        if (ensureLockRows()) {
            held = AdvisoryLock.take(dataSource, "quartz-start:" + schedulerName, LONGEST_WAIT);
        }
    }

    void afterTheScheduler(@Observes @Priority(AFTER_THE_SCHEDULER) StartupEvent start) {
        release();
    }

    /** A start that failed in Quartz never reaches {@link #afterTheScheduler}; the lock goes with the bean. */
    @PreDestroy
    synchronized void release() {
        if (held != null) {
            held.close();
            held = null;
        }
    }

    /** Inserts the scheduler's lock rows when the service keeps Quartz's state in the database; true if it does. */
    boolean ensureLockRows() {
        if (!databaseStore) {
            return false;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT_LOCK_ROWS)) {
            insert.setString(1, schedulerName);
            insert.setString(2, schedulerName);
            insert.executeUpdate();
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("Making Quartz's lock rows of " + schedulerName + " failed", e);
        }
    }
}
