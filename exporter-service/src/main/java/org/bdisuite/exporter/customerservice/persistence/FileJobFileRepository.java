package org.bdisuite.exporter.customerservice.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class FileJobFileRepository implements PanacheRepository<FileJobFile> {

    public List<FileJobFile> ofJob(String jobId) {
        return list("jobId", Sort.ascending("id"), jobId);
    }

    public void deleteOfJob(String jobId) {
        delete("jobId", jobId);
    }

    /** How many file rows these jobs have. */
    public long countOfJobs(List<String> jobIds) {
        return jobIds.isEmpty() ? 0 : count("jobId in ?1", jobIds);
    }

    public void deleteOfJobs(List<String> jobIds) {
        if (!jobIds.isEmpty()) {
            delete("jobId in ?1", jobIds);
        }
    }
}
