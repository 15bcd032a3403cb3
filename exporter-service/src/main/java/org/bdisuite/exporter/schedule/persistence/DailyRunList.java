package org.bdisuite.exporter.schedule.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The stored list of the day's due business keys (the GOSS Data Exporter's array passed from instance to instance). Inserts
 * ignore rows that a concurrent processSchedules stored first; processNextSchedule deletes a key when its export
 * is done, so a restarted run carries on with what is left.
 */
@ApplicationScoped
public class DailyRunList {

    private final EntityManager entityManager;

    public DailyRunList(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public boolean exists(LocalDate runDate) {
        return ((Number) entityManager
                                .createNativeQuery("SELECT count(*) FROM exporter_daily_run WHERE fire_date = :d")
                                .setParameter("d", runDate)
                                .getSingleResult())
                        .longValue()
                > 0;
    }

    public void store(LocalDate runDate, List<String> businessKeys, OffsetDateTime now) {
        entityManager
                .createNativeQuery("INSERT INTO exporter_daily_run (fire_date, created_at) VALUES (:d, :now)"
                        + " ON CONFLICT (fire_date) DO NOTHING")
                .setParameter("d", runDate)
                .setParameter("now", now)
                .executeUpdate();
        for (int i = 0; i < businessKeys.size(); i++) {
            entityManager
                    .createNativeQuery("INSERT INTO exporter_daily_run_item (fire_date, business_key, position)"
                            + " VALUES (:d, :key, :position) ON CONFLICT DO NOTHING")
                    .setParameter("d", runDate)
                    .setParameter("key", businessKeys.get(i))
                    .setParameter("position", i)
                    .executeUpdate();
        }
    }

    @SuppressWarnings("unchecked")
    public List<String> remaining(LocalDate runDate) {
        return entityManager
                .createNativeQuery("SELECT business_key FROM exporter_daily_run_item WHERE fire_date = :d"
                        + " ORDER BY position, business_key")
                .setParameter("d", runDate)
                .getResultList();
    }

    public void remove(LocalDate runDate, String businessKey) {
        entityManager
                .createNativeQuery("DELETE FROM exporter_daily_run_item WHERE fire_date = :d AND business_key = :k")
                .setParameter("d", runDate)
                .setParameter("k", businessKey)
                .executeUpdate();
    }

    public void completeIfEmpty(LocalDate runDate, OffsetDateTime now) {
        entityManager
                .createNativeQuery("UPDATE exporter_daily_run SET completed_at = :now WHERE fire_date = :d"
                        + " AND completed_at IS NULL AND NOT EXISTS (SELECT 1 FROM exporter_daily_run_item"
                        + " WHERE fire_date = :d)")
                .setParameter("d", runDate)
                .setParameter("now", now)
                .executeUpdate();
    }
}
