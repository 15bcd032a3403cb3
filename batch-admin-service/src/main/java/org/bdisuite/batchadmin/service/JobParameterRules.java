package org.bdisuite.batchadmin.service;

import io.quarkus.arc.All;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.bdisuite.model.api.ErrorBody;
import org.bdisuite.runtime.error.InvalidRequestException;
import org.jberet.job.model.Job;

/**
 * Checks a start's or restart's job parameters before the job runs: a job accepts only the parameters its XML reads,
 * and each value must pass its {@link JobParameterRule}. A refused request is a 400 that names every bad parameter
 * and starts nothing. At start-up every parameter any job XML reads must have a rule, so a new parameter cannot go
 * unchecked.
 */
@ApplicationScoped
@Startup
public class JobParameterRules {

    private static final String FIELD = "jobParameters";

    private final JobCatalog catalog;
    private final Map<String, JobParameterRule> rules = new TreeMap<>();

    public JobParameterRules(JobCatalog catalog, @All List<JobParameterRule.Source> sources) {
        this.catalog = catalog;
        sources.forEach(source -> source.rules().forEach(rule -> rules.put(rule.name(), rule)));
    }

    @PostConstruct
    void everyParameterHasARule() {
        for (Job job : catalog.all()) {
            Set<String> unchecked = new TreeSet<>(catalog.parameterNames(job.getId()));
            unchecked.removeAll(rules.keySet());
            if (!unchecked.isEmpty()) {
                throw new IllegalStateException("Job " + job.getId() + " reads job parameters without a rule: "
                        + unchecked + " (add a JobParameterRule for each)");
            }
        }
    }

    /** @throws InvalidRequestException naming each parameter the job does not read or whose value is wrong */
    public void check(String jobName, Properties parameters) {
        Set<String> accepted = catalog.parameterNames(jobName);
        List<ErrorBody.Violation> violations = new ArrayList<>();
        for (String name : new TreeSet<>(parameters.stringPropertyNames())) {
            String field = FIELD + "." + name;
            if (!accepted.contains(name)) {
                violations.add(new ErrorBody.Violation(
                        field,
                        "is not a parameter of job " + jobName
                                + (accepted.isEmpty()
                                        ? " (it takes none)"
                                        : " (it takes " + String.join(", ", accepted) + ")")));
                continue;
            }
            rules.get(name)
                    .check()
                    .problem(parameters.getProperty(name))
                    .ifPresent(problem -> violations.add(new ErrorBody.Violation(field, problem)));
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(
                    "invalid-job-parameter",
                    "Invalid job parameters: "
                            + String.join(
                                    "; ",
                                    violations.stream()
                                            .map(v -> v.field() + " " + v.message())
                                            .toList()),
                    violations);
        }
    }
}
