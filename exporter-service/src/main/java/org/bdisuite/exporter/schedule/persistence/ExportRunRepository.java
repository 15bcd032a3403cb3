package org.bdisuite.exporter.schedule.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class ExportRunRepository implements PanacheRepository<ExportRun> {

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

    /** Locks a run that lost its process, unless it ended or renewed its heartbeat since it was listed. */
    public Optional<ExportRun> lockInterrupted(long id, OffsetDateTime heartbeatBefore, OffsetDateTime startedBefore) {
        return find(
                        "id = ?1 and status = ?2 and (heartbeatAt < ?3 or (heartbeatAt is null and startedAt < ?4))",
                        id,
                        RunStatus.RUNNING,
                        heartbeatBefore,
                        startedBefore)
                .withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
    }

    /** Locks a run that is still RUNNING (for its end); empty when it already ended. */
    public Optional<ExportRun> lockRunning(long id) {
        return find("id = ?1 and status = ?2", id, RunStatus.RUNNING)
                .withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
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
