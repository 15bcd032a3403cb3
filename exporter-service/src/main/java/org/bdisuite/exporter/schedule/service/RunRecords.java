package org.bdisuite.exporter.schedule.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bdisuite.exporter.api.ExportOperation;
import org.bdisuite.exporter.api.RunVo;
import org.bdisuite.exporter.api.ScheduleConfiguration;
import org.bdisuite.exporter.common.ExporterClock;
import org.bdisuite.exporter.datasource.ExportDataSource;
import org.bdisuite.exporter.generator.GeneratedFile;
import org.bdisuite.exporter.schedule.persistence.DeliveryRecords;
import org.bdisuite.exporter.schedule.persistence.ExportRunRepository;
import org.bdisuite.exporter.schedule.persistence.ExportRunRepository.EndedRun;
import org.bdisuite.exporter.schedule.persistence.RunFileRepository;
import org.bdisuite.exporter.schedule.persistence.RunStatus;
import org.bdisuite.exporter.schedule.service.ScheduleRuns.StartedRun;
import org.bdisuite.runtime.events.FreshnessKind;
import org.bdisuite.runtime.events.SuiteEventKind;
import org.bdisuite.runtime.persistence.FreshnessStore;
import org.bdisuite.runtime.persistence.SuiteEventStore;

/**
 * Ends a run in one transaction: its last delivery's record, its ledger row, its files, its audit event, its
 * freshness and, when it failed, its DataExporterErrors entry and notification, and the schedule's return to its
 * gateway, so that the ledger and the audit history never disagree and a kill -9 never leaves an ended run whose
 * schedule stays RUNNING. One commit (one WAL flush) instead of one per record: the end is a single durability
 * point of the exactly-once promise (docs/RELIABILITY.md, "Commits of a run").
 */
@ApplicationScoped
public class RunRecords {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(RunRecords.class);

    static final String PROCESSED = "File Export Processed";
    static final String FAILED = "File Export Failed";

    private final ExportRunRepository runs;
    private final RunFileRepository files;
    private final Histories histories;
    private final ErrorLog errorLog;
    private final ExporterClock clock;
    private final SuiteEventStore events;
    private final FreshnessStore freshness;
    private final DeliveryRecords deliveries;
    private final ScheduleRuns scheduleRuns;

    public RunRecords(
            ExportRunRepository runs,
            RunFileRepository files,
            Histories histories,
            ErrorLog errorLog,
            ExporterClock clock,
            SuiteEventStore events,
            FreshnessStore freshness,
            DeliveryRecords deliveries,
            ScheduleRuns scheduleRuns) {
        this.deliveries = deliveries;
        this.scheduleRuns = scheduleRuns;
        this.runs = runs;
        this.files = files;
        this.histories = histories;
        this.errorLog = errorLog;
        this.clock = clock;
        this.events = events;
        this.freshness = freshness;
    }

    /**
     * A delivery made but not recorded yet: the run's last one, recorded with the run's end (a delivery that another
     * one follows is recorded on its own before that one starts, see Exports).
     */
    public record LastDelivery(ExportOperation operation, String detail, OffsetDateTime at) {}

    /**
     * The run succeeded: records {@code lastDelivery} (or null), the end, and the schedule's return to its
     * gateway.
     */
    @Transactional
    public RunVo succeeded(StartedRun started, long rows, List<GeneratedFile> generated, LastDelivery lastDelivery) {
        record(started, lastDelivery);
        OffsetDateTime now = clock.now();
        EndedRun run = runs.end(started.runId(), RunStatus.SUCCEEDED, rows, null, now, null)
                .orElse(null);
        if (run == null) {
            return endedMeanwhile(started, generated);
        }
        storeFiles(started, generated);
        List<RunVo.FileVo> fileViews = fileViews(generated);
        histories.audit(started.businessKey(), audit(started, PROCESSED, run, fileViews), now);
        freshness.succeeded(FreshnessKind.EXPORT_SCHEDULE, started.businessKey(), now);
        scheduleRuns.returnToGateway(started.businessKey());
        return view(run, fileViews);
    }

    /** The run failed: records {@code lastDelivery} (or null), the end, and the schedule's return to its gateway. */
    @Transactional
    public RunVo failed(
            StartedRun started, Long rows, List<GeneratedFile> generated, String error, LastDelivery lastDelivery) {
        record(started, lastDelivery);
        OffsetDateTime now = clock.now();
        return runs.end(started.runId(), RunStatus.FAILED, rows, error, now, null)
                .map(run -> failedWith(run, started, generated, now))
                .orElseGet(() -> endedMeanwhile(started, generated));
    }

    private void record(StartedRun started, LastDelivery delivery) {
        if (delivery != null) {
            deliveries.record(started.runId(), delivery.operation(), delivery.detail(), delivery.at());
        }
    }

    /**
     * The run was ended meanwhile: its replica was taken for dead (its heartbeat stalled) and another one marked it
     * FAILED. That end stands (one audit event per end); a retry delivers what this execution did not record. The
     * schedule is not returned to its gateway here: the end that stands did that in its own transaction, and the
     * schedule may be running again since (a retry, a new run).
     */
    private RunVo endedMeanwhile(StartedRun started, List<GeneratedFile> generated) {
        LOG.warnf(
                "Run %d of %s was marked ended by another replica while it ran here; its end here is not recorded",
                started.runId(), started.businessKey());
        return view(runs.ended(started.runId()), fileViews(generated));
    }

    /**
     * Marks a run whose process stopped FAILED and returns its schedule to the gateway, unless it ended or renewed
     * its heartbeat since it was listed (the row is locked, so of several replicas that found it exactly one records
     * the failure). Returns whether it did.
     */
    @Transactional
    public boolean interrupted(
            StartedRun started, OffsetDateTime heartbeatBefore, OffsetDateTime startedBefore, String error) {
        OffsetDateTime now = clock.now();
        return runs.end(
                        started.runId(),
                        RunStatus.FAILED,
                        null,
                        error,
                        now,
                        new ExportRunRepository.Stale(heartbeatBefore, startedBefore))
                .map(run -> failedWith(run, started, List.of(), now))
                .isPresent();
    }

    /** The rest of a failed run's end, once its ledger row is marked FAILED. */
    private RunVo failedWith(EndedRun run, StartedRun started, List<GeneratedFile> generated, OffsetDateTime now) {
        storeFiles(started, generated);
        List<RunVo.FileVo> fileViews = fileViews(generated);
        histories.audit(started.businessKey(), audit(started, FAILED, run, fileViews), now);
        errorLog.record(started.businessKey(), run.id(), run.error(), now);
        recordFailure(started, run.error(), now);
        scheduleRuns.returnToGateway(started.businessKey());
        return view(run, fileViews);
    }

    /** The notification outbox, in the run's transaction; a retried run that fails again is a new occurrence. */
    private void recordFailure(StartedRun started, String error, OffsetDateTime now) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("businessKey", started.businessKey());
        details.put("runId", started.runId());
        details.put("error", error);
        details.put("failedAt", now.toString());
        events.record(
                SuiteEventKind.EXPORT_RUN_FAILED,
                started.businessKey(),
                "export-run:" + started.runId() + ":FAILED:" + now.toInstant().toEpochMilli(),
                details);
    }

    /**
     * Files are stored once per run: a retried run that regenerated them keeps the first record. A run's first
     * execution cannot have any (they are stored with its end), so only a retry looks.
     */
    private void storeFiles(StartedRun started, List<GeneratedFile> generated) {
        if (generated.isEmpty()
                || started.retry() && !files.ofRun(started.runId()).isEmpty()) {
            return;
        }
        files.insert(
                started.runId(),
                generated.stream()
                        .map(file ->
                                new RunFileRepository.NewFile(file.name(), file.bytes(), file.sha256(), file.rows()))
                        .toList());
    }

    private static List<RunVo.FileVo> fileViews(List<GeneratedFile> generated) {
        List<RunVo.FileVo> views = new ArrayList<>();
        for (GeneratedFile file : generated) {
            views.add(new RunVo.FileVo(file.name(), file.bytes(), file.sha256()));
        }
        return views;
    }

    /** Exactly the GOSS Data Exporter's audit fields, then what a run adds: runId, rows, files, outcome, error. */
    private static Map<String, Object> audit(
            StartedRun started, String description, EndedRun run, List<RunVo.FileVo> fileViews) {
        ScheduleConfiguration configuration = started.configuration();
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("scheduleFrequency", configuration.frequency().describe());
        event.put("sftpDetailsKey", configuration.sftpDetailsKey());
        event.put(
                "operations",
                configuration.operations().stream().map(Enum::name).toList());
        event.put(
                "recipients",
                configuration.recipients().stream()
                        .map(r -> {
                            Map<String, Object> recipient = new LinkedHashMap<>();
                            recipient.put("address", r.address());
                            recipient.put("name", r.name());
                            return recipient;
                        })
                        .toList());
        event.put("description", description);
        event.put("from", started.from());
        event.put("dataSource", ExportDataSource.qualifiedName(configuration.dataSource()));
        event.put("user", started.user());
        event.put("timestamp", Histories.timestamp(run.finishedAt()));
        event.put("runId", run.id());
        event.put("rows", run.rowCount());
        event.put(
                "files",
                fileViews.stream()
                        .map(f -> {
                            Map<String, Object> file = new LinkedHashMap<>();
                            file.put("name", f.name());
                            file.put("bytes", f.bytes());
                            file.put("sha256", f.sha256());
                            return file;
                        })
                        .toList());
        event.put("outcome", run.status().name());
        event.put("error", run.error());
        return event;
    }

    private static RunVo view(EndedRun run, List<RunVo.FileVo> files) {
        return new RunVo(
                run.id(),
                run.businessKey(),
                run.fireDate(),
                run.startedFrom(),
                run.startedBy(),
                run.status().name(),
                run.startedAt(),
                run.finishedAt(),
                run.rowCount(),
                run.rowsWritten(),
                files,
                run.error(),
                run.traceId());
    }
}
