package org.bdisuite.exporter.schedule.persistence;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import org.bdisuite.runtime.retention.Reclaimed;

@ApplicationScoped
public class HistoryEventRepository implements PanacheRepository<HistoryEvent> {

    /** A schedule's events of one history, newest first (the latest config is the one in use). */
    public Page<HistoryEvent> ofSchedule(String businessKey, String labelc, int page, int size) {
        PanacheQuery<HistoryEvent> query = find(
                        "labela = :a and labelb = :b and labelc = :c",
                        Sort.descending("id"),
                        Parameters.with("a", HistoryEvent.LABEL_A)
                                .and("b", businessKey)
                                .and("c", labelc))
                .page(page, size);
        return new Page<>(query.list(), query.count());
    }

    /**
     * History events (configs and reporting_audit) recorded before {@code cutoff}: how many and their stored size,
     * deleted unless {@code dryRun}. Call inside a transaction, so the count and the delete see the same rows.
     */
    public Reclaimed purgeRecordedBefore(OffsetDateTime cutoff, boolean dryRun) {
        Object[] found = (Object[]) getEntityManager()
                .createNativeQuery("SELECT count(*), coalesce(sum(pg_column_size(h.*)), 0)"
                        + " FROM exporter_history_event h WHERE h.recorded_at < :cutoff")
                .setParameter("cutoff", cutoff)
                .getSingleResult();
        if (!dryRun) {
            delete("recordedAt < ?1", cutoff);
        }
        return new Reclaimed(((Number) found[0]).longValue(), ((Number) found[1]).longValue());
    }
}
