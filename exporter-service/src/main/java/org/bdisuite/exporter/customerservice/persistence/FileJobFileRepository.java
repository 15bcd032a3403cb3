package org.bdisuite.exporter.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class ServiceFileJobFileRepository implements PanacheRepository<ServiceFileJobFile> {

    public List<ServiceFileJobFile> ofJob(String jobId) {
        return list("jobId", Sort.ascending("id"), jobId);
    }

    public void deleteOfJob(String jobId) {
        delete("jobId", jobId);
    }
}
