package org.bdisuite.exporter.customerservice.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class FileJobRepository implements PanacheRepositoryBase<FileJob, String> {

    public Optional<FileJob> lock(String id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Renews the heartbeat and progress of a job this instance runs (nothing when another instance took it). */
    public void heartbeat(String id, String owner, long rows, OffsetDateTime now) {
        update(
                "heartbeatAt = ?1, rowsWritten = ?2 where id = ?3 and ownerInstance = ?4 and state in ?5",
                now,
                rows,
                id,
                owner,
                List.of(FileJobState.QUEUED, FileJobState.RUNNING));
    }

    /**
     * Takes over the unfinished jobs whose runner stopped heartbeating before {@code staleBefore}; rows locked by
     * another instance doing the same are skipped, so every orphan is taken by exactly one instance.
     */
    @SuppressWarnings("unchecked")
    public List<String> adoptOrphans(String owner, OffsetDateTime staleBefore, OffsetDateTime now) {
        return getEntityManager()
                .createNativeQuery("UPDATE exporter_service_file_job SET owner_instance = :owner,"
                        + " state = 'QUEUED', heartbeat_at = :now, updated_at = :now, version = version + 1"
                        + " WHERE id IN (SELECT id FROM exporter_service_file_job WHERE state IN ('QUEUED', 'RUNNING')"
                        + " AND heartbeat_at < :stale FOR UPDATE SKIP LOCKED) RETURNING id")
                .setParameter("owner", owner)
                .setParameter("now", now)
                .setParameter("stale", staleBefore)
                .getResultList();
    }

    /** Finished jobs whose retention time is over, locked (SKIP LOCKED: one instance deletes each). */
    public List<FileJob> expiredBefore(OffsetDateTime now, int max) {
        return find(
                        "state in ?1 and expiresAt < ?2",
                        Sort.ascending("expiresAt"),
                        List.of(FileJobState.SUCCEEDED, FileJobState.FAILED),
                        now)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .withHint("jakarta.persistence.lock.timeout", -2)
                .page(0, max)
                .list();
    }

    /**
     * Up to {@code limit} ids above {@code afterId}, in id order, of file jobs that ended EXPIRED or FAILED before
     * {@code cutoff}; never a queued, running or succeeded one (its files may still be downloaded). With
     * {@code lock} the rows are locked (FOR UPDATE; skipped when another instance holds them).
     */
    public List<String> endedBefore(OffsetDateTime cutoff, String afterId, int limit, boolean lock) {
        List<?> ids = getEntityManager()
                .createNativeQuery("SELECT id FROM exporter_service_file_job WHERE id > :after"
                        + " AND state IN ('EXPIRED', 'FAILED') AND finished_at < :cutoff ORDER BY id LIMIT :limit"
                        + (lock ? " FOR UPDATE SKIP LOCKED" : ""))
                .setParameter("after", afterId)
                .setParameter("cutoff", cutoff)
                .setParameter("limit", limit)
                .getResultList();
        return ids.stream().map(String.class::cast).toList();
    }

    /** Deletes these jobs' rows (their file rows first, through {@link FileJobFileRepository#deleteOfJobs}). */
    public void deleteAll(List<String> ids) {
        if (!ids.isEmpty()) {
            delete("id in ?1", ids);
        }
    }
}
