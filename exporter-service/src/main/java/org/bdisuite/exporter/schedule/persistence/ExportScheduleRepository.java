package org.bdisuite.exporter.schedule.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
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
}
