package org.bdisuite.exporter.schedule.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The run ledger, exporter_run. A run's start and its end are one plain statement each on the transaction's
 * connection (an INSERT, an UPDATE that checks the row is still RUNNING under its lock): they run a few times a day,
 * so cold, and the ORM's entity load, dirty check and flush cost more than the statements (docs/BENCHMARKS.md, "The
 * run's ledger path as plain statements"). Lists and retries go through the entity.
 */
@ApplicationScoped
public class ExportRunRepository implements PanacheRepository<ExportRun> {

    private static final String INSERT_RUNNING = "INSERT INTO exporter_run (business_key, fire_date, started_from,"
            + " started_by, status, started_at, heartbeat_at, configuration, trace_id, version)"
            + " VALUES (?, ?, ?, ?, 'RUNNING', ?, ?, ?::jsonb, ?, 0) RETURNING id";

    private static final String END = "UPDATE exporter_run SET status = ?, row_count = ?, error = ?, finished_at = ?,"
            + " version = version + 1 WHERE id = ? AND status = 'RUNNING'";

    private static final String STALE = " AND (heartbeat_at < ? OR (heartbeat_at IS NULL AND started_at < ?))";

    private static final String ENDED =
            " RETURNING business_key, fire_date, started_from, started_by, started_at," + " rows_written, trace_id";

    private final DataSource dataSource;

    public ExportRunRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A run's ledger row as its end left it. */
    public record EndedRun(
            long id,
            String businessKey,
            LocalDate fireDate,
            String startedFrom,
            String startedBy,
            RunStatus status,
            OffsetDateTime startedAt,
            OffsetDateTime finishedAt,
            Long rowCount,
            Long rowsWritten,
            String error,
            String traceId) {

        static EndedRun of(ExportRun run) {
            return new EndedRun(
                    run.getId(),
                    run.getBusinessKey(),
                    run.getFireDate(),
                    run.getStartedFrom(),
                    run.getStartedBy(),
                    run.getStatus(),
                    run.getStartedAt(),
                    run.getFinishedAt(),
                    run.getRowCount(),
                    run.getRowsWritten(),
                    run.getError(),
                    run.getTraceId());
        }
    }

    /** The heartbeat limits under which a RUNNING run counts as one whose process stopped. */
    public record Stale(OffsetDateTime heartbeatBefore, OffsetDateTime startedBefore) {}

    /**
     * Inserts a run that a user started, RUNNING, with the configuration it runs with (the schedule's stored JSON)
     * and its trace (or null); returns its id.
     */
    public long insertRunning(
            String businessKey,
            LocalDate fireDate,
            String startedFrom,
            String startedBy,
            OffsetDateTime now,
            String configurationJson,
            String traceId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT_RUNNING)) {
            insert.setString(1, businessKey);
            insert.setObject(2, fireDate);
            insert.setString(3, startedFrom);
            insert.setString(4, startedBy);
            insert.setObject(5, now);
            insert.setObject(6, now);
            insert.setString(7, configurationJson);
            insert.setString(8, traceId);
            try (ResultSet id = insert.executeQuery()) {
                id.next();
                return id.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Recording the start of a run of " + businessKey + " failed", e);
        }
    }

    /**
     * Ends a run that is still RUNNING (and, with {@code stale}, still without a recent heartbeat) with its outcome,
     * in one UPDATE that locks the row and checks it under the lock, so that of several ends (this replica's, a
     * replica that took it for dead) exactly one is recorded; empty when the run ended meanwhile (or renewed its
     * heartbeat).
     */
    public Optional<EndedRun> end(long id, RunStatus status, Long rows, String error, OffsetDateTime now, Stale stale) {
        String sql = END + (stale == null ? "" : STALE) + ENDED;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(sql)) {
            update.setString(1, status.name());
            if (rows == null) {
                update.setNull(2, Types.BIGINT);
            } else {
                update.setLong(2, rows);
            }
            update.setString(3, error);
            update.setObject(4, now);
            update.setLong(5, id);
            if (stale != null) {
                update.setObject(6, stale.heartbeatBefore());
                update.setObject(7, stale.startedBefore());
            }
            try (ResultSet row = update.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new EndedRun(
                        id,
                        row.getString(1),
                        row.getObject(2, LocalDate.class),
                        row.getString(3),
                        row.getString(4),
                        status,
                        row.getObject(5, OffsetDateTime.class),
                        now,
                        rows,
                        row.getObject(6, Long.class),
                        error,
                        row.getString(7)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Recording the end of run " + id + " failed", e);
        }
    }

    /** A run as it is now (a run that another replica ended meanwhile). */
    public EndedRun ended(long id) {
        return EndedRun.of(findById(id));
    }

    public boolean scheduledRunExists(String businessKey, LocalDate fireDate) {
        return count(
                        "businessKey = ?1 and fireDate = ?2 and startedFrom = ?3",
                        businessKey,
                        fireDate,
                        ExportRun.FROM_SCHEDULE)
                > 0;
    }

    /** Inserts the day's scheduled run unless the UNIQUE (business key, fire date) index already holds one. */
    public Long claimScheduledRun(String businessKey, LocalDate fireDate, String user, OffsetDateTime now) {
        List<?> ids = getEntityManager()
                .createNativeQuery("INSERT INTO exporter_run (business_key, fire_date,"
                        + " started_from, started_by, status, started_at, heartbeat_at, version) VALUES (:key, :day,"
                        + " 'Schedule', :user, 'RUNNING', :now, :now, 0) ON CONFLICT (business_key, fire_date)"
                        + " WHERE started_from = 'Schedule' DO NOTHING RETURNING id")
                .setParameter("key", businessKey)
                .setParameter("day", fireDate)
                .setParameter("user", user)
                .setParameter("now", now)
                .getResultList();
        return ids.isEmpty() ? null : ((Number) ids.get(0)).longValue();
    }

    /**
     * The RUNNING runs that lost their process: a heartbeat older than {@code heartbeatBefore}, or, recorded before
     * heartbeats (V29), started before {@code startedBefore}.
     */
    public List<ExportRun> interrupted(OffsetDateTime heartbeatBefore, OffsetDateTime startedBefore) {
        return list(
                "status = ?1 and (heartbeatAt < ?2 or (heartbeatAt is null and startedAt < ?3))",
                RunStatus.RUNNING,
                heartbeatBefore,
                startedBefore);
    }

    /** Renews the heartbeat of the given runs that are still RUNNING (those this replica executes). */
    public int heartbeat(java.util.Collection<Long> ids, OffsetDateTime now) {
        if (ids.isEmpty()) {
            return 0;
        }
        return update("heartbeatAt = ?1 where id in ?2 and status = ?3", now, ids, RunStatus.RUNNING);
    }

    /**
     * Records the rows written so far of running runs (run id -> rows). Progress is a display value, so its commit
     * does not wait for the WAL flush (synchronous_commit off for this transaction only): a crash may lose the last
     * second of progress, never anything of the ledger.
     */
    public void recordProgress(java.util.Map<Long, Long> rowsWritten) {
        getEntityManager()
                .createNativeQuery("SET LOCAL synchronous_commit TO OFF")
                .executeUpdate();
        rowsWritten.forEach((id, rows) -> getEntityManager()
                .createNativeQuery("UPDATE exporter_run SET rows_written = :rows WHERE id = :id AND status = 'RUNNING'")
                .setParameter("rows", rows)
                .setParameter("id", id)
                .executeUpdate());
    }

    public Optional<ExportRun> lastOf(String businessKey) {
        return find("businessKey", Sort.descending("id"), businessKey).firstResultOptional();
    }
}
