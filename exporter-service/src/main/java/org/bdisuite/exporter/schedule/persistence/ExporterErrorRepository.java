package org.bdisuite.exporter.schedule.persistence;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import org.bdisuite.runtime.retention.Reclaimed;

@ApplicationScoped
public class ExporterErrorRepository implements PanacheRepository<ExporterError> {

    /** A page of the errors, newest first. */
    public Page<ExporterError> newestFirst(int page, int size) {
        PanacheQuery<ExporterError> query = findAll(Sort.descending("id")).page(page, size);
        return new Page<>(query.list(), query.count());
    }

    /**
     * DataExporterErrors entries that occurred before {@code cutoff}: how many and their stored size, deleted unless
     * {@code dryRun} (the log file in suite.exporter.log-dir is the operator's to rotate).
     */
    public Reclaimed purgeOccurredBefore(OffsetDateTime cutoff, boolean dryRun) {
        Object[] found = (Object[]) getEntityManager()
                .createNativeQuery("SELECT count(*), coalesce(sum(pg_column_size(e.*)), 0)"
                        + " FROM exporter_error e WHERE e.occurred_at < :cutoff")
                .setParameter("cutoff", cutoff)
                .getSingleResult();
        if (!dryRun) {
            delete("occurredAt < ?1", cutoff);
        }
        return new Reclaimed(((Number) found[0]).longValue(), ((Number) found[1]).longValue());
    }
}
