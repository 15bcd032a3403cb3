package org.bdisuite.batchadmin.service;

import io.quarkiverse.jberet.runtime.QuarkusJobOperator;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
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
import javax.xml.stream.XMLStreamException;
import org.bdisuite.batchadmin.storage.SetupDataFolder;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jberet.job.model.Job;
import org.jberet.job.model.JobParser;
import org.jberet.job.model.Listeners;
import org.jberet.job.model.RefArtifact;
import org.jberet.repository.ApplicationAndJobName;

/**
 * The jobs this service can start: quarkus-jberet reads every META-INF/batch-jobs/*.xml at build time and
 * registers each with the job operator's repository, where this catalog finds them once at start; then the job
 * XMLs of the setup-data folder ({@link SetupDataFolder}) are parsed and registered too, a folder file replacing a
 * packaged job of the same name. With each job, the job parameters its XML reads (its
 * {@code #{jobParameters['name']}} expressions), the only ones it accepts.
 */
@ApplicationScoped
@Startup
public class JobCatalog {

    private final QuarkusJobOperator operator;
    private final SetupDataFolder folder;
    /** The job-level listeners quarkus-jberet adds to every packaged job at build time (the execution lease). */
    private final List<String> globalListeners;
    /** A job XML's reference to a job parameter, in either quote. */
    private static final Pattern PARAMETER = Pattern.compile("jobParameters\\s*\\[\\s*(?:'([^']*)'|\"([^\"]*)\")\\s*]");

    private final Map<String, Job> jobs = new TreeMap<>();
    private final Map<String, Set<String>> parameterNames = new TreeMap<>();
    /** Jobs read from the setup-data folder; started through the operator with their model, not their name. */
    private final Set<String> fromFolder = new TreeSet<>();

    public JobCatalog(
            QuarkusJobOperator operator,
            SetupDataFolder folder,
            @ConfigProperty(name = "quarkus.jberet.job.job-listeners") Optional<List<String>> globalListeners) {
        this.operator = operator;
        this.folder = folder;
        this.globalListeners = globalListeners.orElse(List.of());
    }

    @PostConstruct
    void load() {
        String application = operator.getBatchEnvironment().getApplicationName();
        for (String name : operator.getJobNames()) {
            Job job = operator.getJobRepository().getJob(new ApplicationAndJobName(application, name));
            if (job != null) {
                jobs.put(name, job);
                parameterNames.put(name, readParameterNames(classPathXml(xmlFile(job))));
            }
        }
        folder.jobXmls().forEach(this::addFolderJob);
    }

    private void addFolderJob(String fileName, String xml) {
        String name = fileName.substring(0, fileName.length() - ".xml".length());
        Job job;
        try {
            job = JobParser.parseJob(
                    new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)),
                    Thread.currentThread().getContextClassLoader(),
                    null);
        } catch (XMLStreamException | RuntimeException e) {
            throw new IllegalStateException(
                    "The job XML " + fileName + " of the setup-data folder is not a valid job: " + e.getMessage(), e);
        }
        if (!name.equals(job.getId())) {
            throw new IllegalStateException("The job XML " + fileName + " of the setup-data folder declares job id '"
                    + job.getId() + "': the file must be named after its job (" + job.getId() + ".xml)");
        }
        job.setJobXmlName(name);
        addGlobalListeners(job);
        jobs.put(name, job);
        parameterNames.put(name, readParameterNames(xml));
        fromFolder.add(name);
        register(name);
    }

    /** Job-level listeners every job gets (quarkus.jberet.job.job-listeners), which a parsed XML does not name. */
    private void addGlobalListeners(Job job) {
        Listeners listeners = job.getListeners() == null ? new Listeners() : job.getListeners();
        Set<String> named = new TreeSet<>();
        listeners.getListeners().forEach(listener -> named.add(listener.getRef()));
        for (String listener : globalListeners) {
            if (named.add(listener)) {
                listeners.getListeners().add(new RefArtifact(listener));
            }
        }
        job.setListeners(listeners);
    }

    /**
     * Puts a folder job into the job repository (again): the repository holds jobs by soft reference, and a
     * restart of a folder job finds its model there.
     */
    public void register(String jobName) {
        if (fromFolder.contains(jobName)) {
            operator.getJobRepository()
                    .addJob(
                            new ApplicationAndJobName(
                                    operator.getBatchEnvironment().getApplicationName(), jobName),
                            jobs.get(jobName));
        }
    }

    /** Starts a job read from the setup-data folder, by its model (the operator does not know it by name). */
    public long startFromFolder(String jobName, java.util.Properties parameters) {
        return operator.start(jobs.get(jobName), parameters);
    }

    /** Whether the job was read from the setup-data folder (then it is started by its model). */
    public boolean isFromFolder(String jobName) {
        return fromFolder.contains(jobName);
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

    private static String classPathXml(String xmlFile) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(xmlFile)) {
            if (in == null) {
                throw new IllegalStateException("Job XML " + xmlFile + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Reading job XML " + xmlFile + " failed", e);
        }
    }

    private static Set<String> readParameterNames(String xml) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = PARAMETER.matcher(xml);
        while (matcher.find()) {
            names.add(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
        }
        return java.util.Collections.unmodifiableSet(names);
    }

    /** The XML file a job was read from, relative to the class path. */
    public static String xmlFile(Job job) {
        String name = job.getJobXmlName() == null ? job.getId() : job.getJobXmlName();
        return "META-INF/batch-jobs/" + (name.endsWith(".xml") ? name : name + ".xml");
    }
}
