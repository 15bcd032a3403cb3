package org.bdisuite.batchadmin.service;

import io.quarkiverse.jberet.runtime.QuarkusJobOperator;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jberet.job.model.Job;
import org.jberet.repository.ApplicationAndJobName;

/**
 * The jobs this service can start: quarkus-jberet reads every META-INF/batch-jobs/*.xml at build time and
 * registers each with the job operator's repository, where this catalog finds them once at start.
 */
@ApplicationScoped
@Startup
public class JobCatalog {

    private final QuarkusJobOperator operator;
    private final Map<String, Job> jobs = new TreeMap<>();

    public JobCatalog(QuarkusJobOperator operator) {
        this.operator = operator;
    }

    @PostConstruct
    void load() {
        String application = operator.getBatchEnvironment().getApplicationName();
        for (String name : operator.getJobNames()) {
            Job job = operator.getJobRepository().getJob(new ApplicationAndJobName(application, name));
            if (job != null) {
                jobs.put(name, job);
            }
        }
    }

    /** Every job, by name. */
    public List<Job> all() {
        return List.copyOf(jobs.values());
    }

    public Optional<Job> find(String jobName) {
        return Optional.ofNullable(jobs.get(jobName));
    }

    /** The XML file a job was read from, relative to the class path. */
    public static String xmlFile(Job job) {
        String name = job.getJobXmlName() == null ? job.getId() : job.getJobXmlName();
        return "META-INF/batch-jobs/" + (name.endsWith(".xml") ? name : name + ".xml");
    }
}
