package org.bdisuite.exporter.schedule.persistence;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import org.bdisuite.runtime.error.ResourceNotFoundException;

@ApplicationScoped
public class ExportScheduleRepository implements PanacheRepository<ExportSchedule> {

    public Optional<ExportSchedule> findByBusinessKey(String businessKey) {
        return find("businessKey", businessKey).firstResultOptional();
    }

    /** The schedule, or a 404. */
    public ExportSchedule get(String businessKey) {
        return findByBusinessKey(businessKey).orElseThrow(() -> notFound(businessKey));
    }

    /** The schedule locked for update (state changes are serialised per schedule), or a 404. */
    public ExportSchedule lock(String businessKey) {
        return find("businessKey", businessKey)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional()
                .orElseThrow(() -> notFound(businessKey));
    }

    public static ResourceNotFoundException notFound(String businessKey) {
        return new ResourceNotFoundException("No export schedule " + businessKey);
    }

    /** A page of all schedules in the order they were created. */
    public Page<ExportSchedule> byId(int page, int size) {
        PanacheQuery<ExportSchedule> query = findAll(Sort.ascending("id")).page(page, size);
        return new Page<>(query.list(), query.count());
    }

    /** The schedules that are neither cancelled nor being cancelled, in the order they were created. */
    public List<ExportSchedule> live() {
        return list("state <> ?1 and cancelRequested = false", Sort.ascending("id"), ScheduleState.CANCELLED);
    }
}
