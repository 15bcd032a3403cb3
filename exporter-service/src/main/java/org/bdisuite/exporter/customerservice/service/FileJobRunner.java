package org.bdisuite.exporter.customerservice.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.bdisuite.exporter.api.ScheduleConfiguration;
import org.bdisuite.exporter.common.ExporterClock;
import org.bdisuite.exporter.common.ExporterConstants;
import org.bdisuite.exporter.common.FailureTexts;
import org.bdisuite.exporter.config.ExporterConfig;
import org.bdisuite.exporter.customerservice.persistence.CustomerServiceStore;
import org.bdisuite.exporter.customerservice.persistence.FileJob;
import org.bdisuite.exporter.customerservice.persistence.FileJobFile;
import org.bdisuite.exporter.customerservice.persistence.FileJobFileRepository;
import org.bdisuite.exporter.customerservice.persistence.FileJobRepository;
import org.bdisuite.exporter.customerservice.persistence.FileJobState;
import org.bdisuite.exporter.datasource.DataSourceException;
import org.bdisuite.exporter.datasource.SqlDataSource;
import org.bdisuite.exporter.generator.ExportFiles;
import org.bdisuite.exporter.generator.ExportFiles.Generated;
import org.bdisuite.exporter.generator.GeneratedFile;
import org.jboss.logging.Logger;

/**
 * Runs services file-export jobs on this instance's own pool ({@code suite.exporter.services.job-threads}) and,
 * every heartbeat, (1) renews the heartbeat and progress of the jobs it holds, (2) adopts jobs whose runner stopped
 * heartbeating (this service before a restart, or another replica) and runs them again from the start, up to
 * {@code max-attempts}, then marks them FAILED, (3) deletes the files of jobs past their retention time. Each
 * attempt writes into its own folder, so a runner that was presumed dead cannot mix its files with the new one's,
 * and only the attempt the job row names may finish it.
 */
@ApplicationScoped
public class FileJobRunner {

    private static final Logger LOG = Logger.getLogger(FileJobRunner.class);
    private static final String BASE_NAME = "services";

    private final FileJobRepository jobs;
    private final FileJobFileRepository files;
    private final ExportFiles exportFiles;
    private final CustomerServicesDataSource source;
    private final ExporterConfig config;
    private final ExporterClock clock;
    private final String instance =
            hostName() + "-" + UUID.randomUUID().toString().substring(0, 8);
    /** The jobs this instance holds (queued or running) and their rows written so far. */
    private final Map<String, AtomicLong> held = new ConcurrentHashMap<>();

    private ExecutorService pool;
    private ScheduledExecutorService timer;

    public FileJobRunner(
            FileJobRepository jobs,
            FileJobFileRepository files,
            ExportFiles exportFiles,
            CustomerServicesDataSource source,
            ExporterConfig config,
            ExporterClock clock) {
        this.jobs = jobs;
        this.files = files;
        this.exportFiles = exportFiles;
        this.source = source;
        this.config = config;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent started) {
        pool = Executors.newFixedThreadPool(config.services().jobThreads(), daemon("exporter-file-job"));
        timer = Executors.newSingleThreadScheduledExecutor(daemon("exporter-file-job-heartbeat"));
        long every = config.services().heartbeat().toMillis();
        timer.scheduleWithFixedDelay(this::tick, 0, every, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent stopping) {
        // Jobs cut off here stop heartbeating and are adopted by the next instance that ticks.
        timer.shutdownNow();
        pool.shutdownNow();
    }

    /** This instance's name in owner_instance. */
    public String instance() {
        return instance;
    }

    /** The folder of one attempt of a job. */
    public Path directory(String jobId, int attempt) {
        return config.services().filesDir().resolve(jobId).resolve(Integer.toString(attempt));
    }

    /** Queues a job this instance owns. */
    public void submit(String jobId) {
        held.put(jobId, new AtomicLong());
        pool.execute(() -> {
            try {
                run(jobId);
            } catch (RuntimeException e) {
                LOG.errorf(e, "File-export job %s could not be run", jobId);
            } finally {
                held.remove(jobId);
            }
        });
    }

    private void run(String jobId) {
        Integer attempt = QuarkusTransaction.requiringNew().call(() -> {
            FileJob job = jobs.lock(jobId).orElse(null);
            if (job == null || !instance.equals(job.getOwnerInstance()) || job.getState() != FileJobState.QUEUED) {
                return null; // another instance adopted it meanwhile
            }
            job.start(clock.now());
            return job.getAttempts();
        });
        if (attempt == null) {
            return;
        }
        Path directory = directory(jobId, attempt);
        FileJob job = QuarkusTransaction.requiringNew().call(() -> jobs.findById(jobId));
        Generated generated;
        try {
            AtomicLong progress = held.get(jobId);
            generated = exportFiles.generate(source(job), configuration(job), directory, BASE_NAME, progress::set);
        } catch (RuntimeException e) {
            deleteTree(directory);
            finish(
                    jobId,
                    attempt,
                    null,
                    e instanceof DataSourceException
                            ? "The export failed: " + e.getMessage()
                            : FailureTexts.unexpected(LOG, e, "File-export job " + jobId));
            return;
        }
        if (!finish(jobId, attempt, generated, null)) {
            deleteTree(directory);
        }
    }

    /**
     * The job's selection as a SQL data source with its values written in, so that its CSV and JSON come from
     * PostgreSQL's own COPY (CopyExport), as for any SQL data source: the plain columns with their declared kinds
     * (times printed by the filter, not by to_char); same rows, same header row as the {@code services} data source.
     */
    private SqlDataSource source(FileJob job) {
        return SqlDataSource.builtIn(
                CustomerServicesDataSource.NAME,
                source.description(),
                CustomerServiceStore.copySelect(job.selection(), null, null),
                CustomerServiceStore.HEADER_ROW,
                CustomerServiceStore.COPY_COLUMNS);
    }

    /** A schedule-like configuration of the job: the generators split every job into parts plus a manifest. */
    private static ScheduleConfiguration configuration(FileJob job) {
        return new ScheduleConfiguration(
                "services file export " + job.getId(),
                CustomerServicesDataSource.NAME,
                job.getFormat(),
                List.of(),
                List.of(),
                null,
                null,
                ExporterConstants.DEFAULT_DATE_FORMAT,
                "UTC",
                job.selection().parameters(),
                true);
    }

    /** Ends the attempt when the job is still this instance's and this attempt's; false when it is not. */
    private boolean finish(String jobId, int attempt, Generated generated, String error) {
        return QuarkusTransaction.requiringNew().call(() -> {
            FileJob job = jobs.lock(jobId).orElse(null);
            if (job == null
                    || !instance.equals(job.getOwnerInstance())
                    || job.getAttempts() != attempt
                    || job.getState() != FileJobState.RUNNING) {
                return false;
            }
            OffsetDateTime now = clock.now();
            OffsetDateTime expires = now.plus(config.services().retention());
            if (generated == null) {
                job.failed(error, now, expires);
                return true;
            }
            for (GeneratedFile file : generated.files()) {
                files.persist(new FileJobFile(jobId, file.name(), file.bytes(), file.sha256(), file.rows()));
            }
            job.succeeded(generated.rows(), now, expires);
            return true;
        });
    }

    /** One heartbeat: renew, adopt orphans, expire. A failing step is logged and retried on the next tick. */
    void tick() {
        try {
            OffsetDateTime now = clock.now();
            QuarkusTransaction.requiringNew()
                    .run(() -> held.forEach((id, rows) -> jobs.heartbeat(id, instance, rows.get(), now)));
            adoptOrphans(now);
            expire(now);
        } catch (RuntimeException e) {
            LOG.warn("The file-export jobs' heartbeat failed; retrying on the next one", e);
        }
    }

    private void adoptOrphans(OffsetDateTime now) {
        OffsetDateTime staleBefore = now.minus(config.services().staleAfter());
        List<String> adopted =
                QuarkusTransaction.requiringNew().call(() -> jobs.adoptOrphans(instance, staleBefore, now));
        for (String jobId : adopted) {
            boolean exhausted = QuarkusTransaction.requiringNew().call(() -> {
                FileJob job = jobs.lock(jobId).orElseThrow();
                if (job.getAttempts() < config.services().maxAttempts()) {
                    return false;
                }
                job.failed(
                        "Its runner stopped " + job.getAttempts() + " times (the instance was stopped or lost);"
                                + " not run again",
                        now,
                        now.plus(config.services().retention()));
                return true;
            });
            if (!exhausted) {
                LOG.infof("File-export job %s lost its runner; running it again on %s", jobId, instance);
                submit(jobId);
            }
        }
    }

    private void expire(OffsetDateTime now) {
        QuarkusTransaction.requiringNew().run(() -> {
            for (FileJob job : jobs.expiredBefore(now, 100)) {
                deleteTree(config.services().filesDir().resolve(job.getId()));
                files.deleteOfJob(job.getId());
                job.expired(now);
            }
        });
    }

    private static void deleteTree(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private static String hostName() {
        String host = System.getenv("HOSTNAME");
        return host == null || host.isBlank() ? "exporter" : host;
    }
}
