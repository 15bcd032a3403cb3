package org.bdisuite.exporter.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

@ApplicationScoped
public class ExportRunRepository implements PanacheRepository<ExportRun> {

    public Optional<ExportRun> lastOf(String businessKey) {
        return find("businessKey", Sort.descending("id"), businessKey).firstResultOptional();
    }
}
