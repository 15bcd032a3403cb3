package org.bdisuite.exporter.schedule.persistence;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

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
}
