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
                        + " started_from, started_by, status, started_at, version) VALUES (:key, :day, 'Schedule',"
                        + " :user, 'RUNNING', :now, 0) ON CONFLICT (business_key, fire_date)"
                        + " WHERE started_from = 'Schedule' DO NOTHING RETURNING id")
                .setParameter("key", businessKey)
                .setParameter("day", fireDate)
                .setParameter("user", user)
                .setParameter("now", now)
                .getResultList();
        return ids.isEmpty() ? null : ((Number) ids.get(0)).longValue();
    }

    public List<ExportRun> runningSince(OffsetDateTime before) {
        return list("status = ?1 and startedAt < ?2", RunStatus.RUNNING, before);
    }

    public Optional<ExportRun> lastOf(String businessKey) {
        return find("businessKey", Sort.descending("id"), businessKey).firstResultOptional();
    }
}
