package org.bdisuite.exporter.schedule.persistence;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class ExporterErrorRepository implements PanacheRepository<ExporterError> {

    /** A page of the errors, newest first. */
    public Page<ExporterError> newestFirst(int page, int size) {
        PanacheQuery<ExporterError> query = findAll(Sort.descending("id")).page(page, size);
        return new Page<>(query.list(), query.count());
    }
}
