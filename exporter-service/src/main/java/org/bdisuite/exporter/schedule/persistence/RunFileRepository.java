package org.bdisuite.exporter.schedule.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class RunFileRepository implements PanacheRepository<RunFile> {

    public List<RunFile> ofRun(long runId) {
        return list("runId", Sort.ascending("id"), runId);
    }
}
