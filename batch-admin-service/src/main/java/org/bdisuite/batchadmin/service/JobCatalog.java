package org.bdisuite.batchadmin.service;

import io.quarkiverse.jberet.runtime.QuarkusJobOperator;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jberet.job.model.Job;
import org.jberet.repository.ApplicationAndJobName;

/**
 * The jobs this service can start: quarkus-jberet reads every META-INF/batch-jobs/*.xml at build time and
 * registers each with the job operator's repository, where this catalog finds them once at start, together with
 * the job parameters each XML reads (its {@code #{jobParameters['name']}} expressions), the only ones it accepts.
 */
@ApplicationScoped
@Startup
public class JobCatalog {

    private final QuarkusJobOperator operator;
    /** A job XML's reference to a job parameter, in either quote. */
    private static final Pattern PARAMETER = Pattern.compile("jobParameters\\s*\\[\\s*(?:'([^']*)'|\"([^\"]*)\")\\s*]");

    private final Map<String, Job> jobs = new TreeMap<>();
    private final Map<String, Set<String>> parameterNames = new TreeMap<>();

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
                parameterNames.put(name, readParameterNames(xmlFile(job)));
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

    /** The job parameters a job's XML reads; none for an unknown job. */
    public Set<String> parameterNames(String jobName) {
        return parameterNames.getOrDefault(jobName, Set.of());
    }

    private static Set<String> readParameterNames(String xmlFile) {
        Set<String> names = new TreeSet<>();
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(xmlFile)) {
            if (in == null) {
                throw new IllegalStateException("Job XML " + xmlFile + " is not on the class path");
            }
            Matcher matcher = PARAMETER.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            while (matcher.find()) {
                names.add(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Reading job XML " + xmlFile + " failed", e);
        }
        return java.util.Collections.unmodifiableSet(names);
    }

    /** The XML file a job was read from, relative to the class path. */
    public static String xmlFile(Job job) {
        String name = job.getJobXmlName() == null ? job.getId() : job.getJobXmlName();
        return "META-INF/batch-jobs/" + (name.endsWith(".xml") ? name : name + ".xml");
    }
}
