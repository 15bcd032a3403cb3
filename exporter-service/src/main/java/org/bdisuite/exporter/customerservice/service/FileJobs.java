package org.bdisuite.exporter.customerservice.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.bdisuite.exporter.api.FileType;
import org.bdisuite.exporter.common.ExporterClock;
import org.bdisuite.exporter.common.ExporterRule;
import org.bdisuite.exporter.config.ExporterConfig;
import org.bdisuite.exporter.customerservice.api.CustomerServiceSelection;
import org.bdisuite.exporter.customerservice.api.FileJobVo;
import org.bdisuite.exporter.customerservice.persistence.CustomerServiceStore;
import org.bdisuite.exporter.customerservice.persistence.FileJob;
import org.bdisuite.exporter.customerservice.persistence.FileJobFile;
import org.bdisuite.exporter.customerservice.persistence.FileJobFileRepository;
import org.bdisuite.exporter.customerservice.persistence.FileJobRepository;
import org.bdisuite.exporter.customerservice.persistence.FileJobState;
import org.bdisuite.runtime.error.InvalidRequestException;
import org.bdisuite.runtime.error.ResourceNotFoundException;

/**
 * Services file exports as jobs: created QUEUED and handed to this instance's runner, read with their progress
 * and files, and their files found for download. Job ids and file names are checked against a strict pattern and
 * the job's recorded files before any path is built.
 */
@ApplicationScoped
public class FileJobs {

    private static final Pattern JOB_ID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,199}");
    public static final String BASE_PATH = "/exporter/services/export/files/";

    private final FileJobRepository jobs;
    private final FileJobFileRepository files;
    private final FileJobRunner runner;
    private final ExporterClock clock;
    private final ExporterConfig config;
    private final CustomerServiceStore services;

    public FileJobs(
            FileJobRepository jobs,
            FileJobFileRepository files,
            FileJobRunner runner,
            ExporterClock clock,
            ExporterConfig config,
            CustomerServiceStore services) {
        this.jobs = jobs;
        this.services = services;
        this.files = files;
        this.runner = runner;
        this.clock = clock;
        this.config = config;
    }

    /** A download: where the file is and what it is. */
    public record Download(String name, Path path, long bytes, String sha256) {}

    /** The format parameter, or a 400 that names the allowed values. */
    public static FileType format(String value) {
        List<String> allowed =
                java.util.Arrays.stream(FileType.values()).map(Enum::name).toList();
        if (value == null || !allowed.contains(value)) {
            throw InvalidRequestException.forField(
                    "format",
                    (value == null ? "is required" : "unknown file format '" + value + "'") + "; allowed: "
                            + String.join(", ", allowed));
        }
        return FileType.valueOf(value);
    }

    /** Stores the job (committed before it runs, so it survives a restart) and queues it on this instance. */
    public FileJobVo create(CustomerServiceSelection selection, FileType format, String user) {
        FileJob job = QuarkusTransaction.requiringNew().call(() -> {
            FileJob created =
                    new FileJob(UUID.randomUUID().toString(), selection, format, user, runner.instance(), clock.now());
            jobs.persist(created);
            return created;
        });
        runner.submit(job.getId());
        return view(job, List.of());
    }

    @Transactional
    public FileJobVo get(String jobId) {
        FileJob job = find(jobId);
        return view(job, files.ofJob(job.getId()));
    }

    /**
     * How many services the job's selection holds now: the total its progress is shown against (rows written of
     * total). Counted once when the job's page opens, not on every refresh.
     */
    public long total(String jobId) {
        CustomerServiceSelection selection =
                QuarkusTransaction.requiringNew().call(() -> find(jobId).selection());
        return services.count(selection);
    }

    @Transactional
    public Download download(String jobId, String name) {
        FileJob job = find(jobId);
        if (name == null || !FILE_NAME.matcher(name).matches()) {
            throw new ResourceNotFoundException("Job " + jobId + " has no file " + name);
        }
        if (job.getState() == FileJobState.EXPIRED) {
            throw new ResourceNotFoundException("The files of job " + jobId + " are no longer kept (retention "
                    + config.services().retention() + ")");
        }
        if (job.getState() != FileJobState.SUCCEEDED) {
            throw ExporterRule.FILE_JOB_NOT_SUCCEEDED.refusal(
                    "Job " + jobId + " is " + job.getState() + "; its files can be" + " downloaded once it SUCCEEDED");
        }
        FileJobFile file = files.ofJob(jobId).stream()
                .filter(f -> f.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new ResourceNotFoundException("Job " + jobId + " has no file " + name));
        Path path = runner.directory(jobId, job.getAttempts()).resolve(file.getName());
        if (!Files.isRegularFile(path)) {
            throw new ResourceNotFoundException("The file " + name + " of job " + jobId + " is no longer kept");
        }
        return new Download(file.getName(), path, file.getBytes(), file.getSha256());
    }

    private FileJob find(String jobId) {
        if (jobId == null || !JOB_ID.matcher(jobId).matches()) {
            throw new ResourceNotFoundException("No file-export job " + jobId);
        }
        return jobs.findByIdOptional(jobId)
                .orElseThrow(() -> new ResourceNotFoundException("No file-export job " + jobId));
    }

    private static FileJobVo view(FileJob job, List<FileJobFile> files) {
        CustomerServiceSelection selection = job.selection();
        List<FileJobVo.FileVo> fileViews = files.stream()
                .map(f -> new FileJobVo.FileVo(
                        f.getName(),
                        f.getBytes(),
                        f.getSha256(),
                        f.getRowCount(),
                        BASE_PATH + job.getId() + "/" + f.getName()))
                .toList();
        return new FileJobVo(
                job.getId(),
                job.getState().name(),
                job.getFormat().name(),
                selection.from(),
                selection.to(),
                selection.events().name(),
                selection.state().name(),
                job.getRowsWritten(),
                job.getAttempts(),
                job.getError(),
                job.getCreatedBy(),
                job.getCreatedAt(),
                job.getFinishedAt(),
                job.getExpiresAt(),
                fileViews);
    }
}
