package org.bdisuite.receiver.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import org.bdisuite.model.entity.SystemOption;

/** BDI_SYSTEM_OPTIONS, read on every use so that a change by the System Setting Service needs no restart. */
@ApplicationScoped
public class SystemOptionRepository implements PanacheRepository<SystemOption> {

    /** The option as a whole number, or {@code fallback} when it is missing or not a number. */
    public long longValue(String name, long fallback) {
        return find("name", name).firstResultOptional()
                .map(SystemOption::getValue)
                .map(String::trim)
                .filter(value -> value.matches("\\d{1,18}"))
                .map(Long::parseLong)
                .orElse(fallback);
    }
}
