package org.bdisuite.exporter.schedule.service;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.bdisuite.exporter.api.ExportOperation;
import org.bdisuite.exporter.api.RunVo;
import org.bdisuite.exporter.api.ScheduleConfiguration;
import org.bdisuite.exporter.common.ExporterClock;
import org.bdisuite.exporter.common.ExporterConstants;
import org.bdisuite.exporter.common.FailureTexts;
import org.bdisuite.exporter.config.ExporterConfig;
import org.bdisuite.exporter.datasource.DataSourceException;
import org.bdisuite.exporter.datasource.DataSources;
import org.bdisuite.exporter.datasource.ExportDataSource;
import org.bdisuite.exporter.delivery.Delivery;
import org.bdisuite.exporter.delivery.DeliveryException;
import org.bdisuite.exporter.delivery.DeliveryRun;
import org.bdisuite.exporter.generator.ExportFiles;
import org.bdisuite.exporter.generator.ExportFiles.Generated;
import org.bdisuite.exporter.generator.RowLimitExceededException;
import org.bdisuite.exporter.schedule.persistence.DeliveryRecords;
import org.bdisuite.exporter.schedule.persistence.ExportRun;
import org.bdisuite.exporter.schedule.service.ScheduleRuns.StartedRun;
import org.jboss.logging.Logger;

/**
 * The GOSS Data Exporter's goss.DataExporter.main: data source -> file generator -> operations, for one run. An export that
 * fails is recorded (ledger, audit, DataExporterErrors) and does not throw, so that the daily run moves on.
 */
@ApplicationScoped
public class Exports {

    private static final Logger LOG = Logger.getLogger(Exports.class);
    private static final AttributeKey<Long> RUN_ID = AttributeKey.longKey("bdi.export.run_id");
    private static final AttributeKey<String> BUSINESS_KEY = AttributeKey.stringKey("bdi.export.business_key");
    private static final AttributeKey<String> TRIGGER = AttributeKey.stringKey("bdi.export.trigger");
    private static final AttributeKey<String> OPERATION = AttributeKey.stringKey("bdi.export.operation");

    private final ScheduleRuns scheduleRuns;
    private final DataSources dataSources;
    private final ExportFiles files;
    private final RunRecords records;
    private final ExporterConfig config;
    private final List<Delivery> deliveries;
    private final DeliveryRecords deliveryRecords;
    private final ExporterClock clock;
    private final RunFiles runFiles;
    private final RunHeartbeats heartbeats;
    private final ExportTracing tracing;
    private final RunProgress progress;

    public Exports(
            ScheduleRuns scheduleRuns,
            DataSources dataSources,
            ExportFiles files,
            RunRecords records,
            ExporterConfig config,
            Instance<Delivery> deliveries,
            DeliveryRecords deliveryRecords,
            ExporterClock clock,
            RunFiles runFiles,
            RunHeartbeats heartbeats,
            ExportTracing tracing,
            RunProgress progress) {
        this.progress = progress;
        this.heartbeats = heartbeats;
        this.tracing = tracing;
        this.deliveries = deliveries.stream().toList();
        this.runFiles = runFiles;
        this.deliveryRecords = deliveryRecords;
        this.clock = clock;
        this.scheduleRuns = scheduleRuns;
        this.dataSources = dataSources;
        this.files = files;
        this.records = records;
        this.config = config;
    }

    /** startExport sent by a user ("Run"): the whole export now; the instance then returns to its gateway. */
    public RunVo runNow(String businessKey, String user) {
        return execute(scheduleRuns.start(businessKey, ExportRun.FROM_RUN, user));
    }

    /** Retries a failed run: its files are reused when they were written, and only missing deliveries are made. */
    public RunVo retry(long runId, String user) {
        return execute(scheduleRuns.restart(runId, user));
    }

    /**
     * The run's span, a child of its trigger's (the API call, or the daily run). The run's end takes the schedule
     * back to its gateway in the same commit ({@link RunRecords}); when no end could be recorded (an unexpected
     * failure, the database gone), the schedule is returned on its own, as before.
     */
    RunVo execute(StartedRun run) {
        return tracing.inSpan(
                "export run",
                Attributes.of(RUN_ID, run.runId(), BUSINESS_KEY, run.businessKey(), TRIGGER, run.from()),
                () -> {
                    heartbeats.holding(run.runId());
                    try {
                        return generateAndDeliver(run);
                    } catch (RuntimeException e) {
                        returnToGatewayAfter(e, run);
                        throw e;
                    } finally {
                        heartbeats.released(run.runId());
                    }
                });
    }

    private void returnToGatewayAfter(RuntimeException failure, StartedRun run) {
        try {
            scheduleRuns.returnToGateway(run.businessKey());
        } catch (RuntimeException alsoFailed) {
            failure.addSuppressed(alsoFailed);
        }
    }

    private RunVo generateAndDeliver(StartedRun run) {
        Generated generated;
        try {
            ScheduleConfiguration schedule = run.configuration();
            ExportDataSource source = dataSources.get(schedule.dataSource());
            generated = tracing.inSpan(
                    "generate",
                    Attributes.of(RUN_ID, run.runId()),
                    () -> storedFiles(run).orElseGet(() -> generate(run, source, schedule)));
        } catch (RowLimitExceededException | DataSourceException e) {
            return records.failed(run, null, List.of(), e.getMessage(), null);
        } catch (RuntimeException e) {
            return records.failed(
                    run,
                    null,
                    List.of(),
                    FailureTexts.unexpected(LOG, e, "Export run " + run.runId() + " of schedule " + run.businessKey()),
                    null);
        }
        Deliveries deliveries = deliver(run, generated);
        return deliveries.failures().isEmpty()
                ? records.succeeded(run, generated.rows(), generated.files(), deliveries.unrecorded())
                : records.failed(
                        run,
                        generated.rows(),
                        generated.files(),
                        String.join("; ", deliveries.failures()),
                        deliveries.unrecorded());
    }

    /** The files a retried run wrote before, when all are still there; a new run has none (no query). */
    private java.util.Optional<Generated> storedFiles(StartedRun run) {
        return run.retry() ? runFiles.stored(run.runId(), runDirectory(run)) : java.util.Optional.empty();
    }

    /** Writes the run's files, its rows written so far counted for its progress (RunProgress). */
    private Generated generate(StartedRun run, ExportDataSource source, ScheduleConfiguration schedule) {
        java.util.function.LongConsumer rowsWritten = progress.running(run.runId());
        try {
            return files.generate(source, schedule, runDirectory(run), baseName(run), rowsWritten);
        } finally {
            progress.ended(run.runId());
        }
    }

    /** What the deliveries did: their failures, and the last delivery made, which the run's end records. */
    private record Deliveries(List<String> failures, RunRecords.LastDelivery unrecorded) {}

    /**
     * Runs every operation of the schedule that this run has not delivered yet; a failed operation does not stop
     * the others. A delivery is recorded after it succeeded (exporter_delivery), so that a retry skips it: one that
     * another delivery follows is recorded in its own commit before that one starts (a kill during the next one
     * must not make a retry repeat this one; that commit also reads what the run has delivered meanwhile, should
     * another execution of it run); the last one is recorded with the run's end, the same kill window as before
     * (the side effect done, its record not yet committed: docs/RELIABILITY.md, "The documented window").
     */
    private Deliveries deliver(StartedRun run, Generated generated) {
        List<String> failures = new ArrayList<>();
        Set<ExportOperation> delivered = EnumSet.noneOf(ExportOperation.class);
        delivered.addAll(run.delivered());
        List<ExportOperation> operations = run.configuration().operations();
        RunRecords.LastDelivery unrecorded = null;
        for (int i = 0; i < operations.size(); i++) {
            ExportOperation operation = operations.get(i);
            if (delivered.contains(operation)) {
                continue;
            }
            Delivery delivery = delivery(operation);
            if (delivery == null) {
                failures.add(operation + " delivery is not available in this release");
                continue;
            }
            try {
                String detail = tracing.inSpan(
                        "deliver " + operation,
                        Attributes.of(RUN_ID, run.runId(), OPERATION, operation.name()),
                        () -> delivery.deliver(
                                new DeliveryRun(run.runId(), run.businessKey(), run.configuration(), run.startedAt()),
                                generated.rows(),
                                generated.files()));
                RunRecords.LastDelivery done = new RunRecords.LastDelivery(operation, detail, clock.now());
                if (anotherDeliveryFollows(operations, i, delivered)) {
                    delivered.addAll(QuarkusTransaction.requiringNew().call(() -> {
                        deliveryRecords.record(run.runId(), operation, detail, done.at());
                        return deliveryRecords.ofRun(run.runId());
                    }));
                } else {
                    unrecorded = done;
                }
            } catch (DeliveryException e) {
                failures.add(operation + " delivery failed: " + FailureTexts.external(e.getMessage()));
            } catch (RuntimeException e) {
                failures.add(FailureTexts.unexpected(LOG, e, operation + " delivery"));
            }
        }
        return new Deliveries(failures, unrecorded);
    }

    /** Whether an operation after the {@code index}th will be delivered (not delivered yet, and available). */
    private boolean anotherDeliveryFollows(List<ExportOperation> operations, int index, Set<ExportOperation> done) {
        return operations.subList(index + 1, operations.size()).stream()
                .anyMatch(next -> !done.contains(next) && delivery(next) != null);
    }

    private Delivery delivery(ExportOperation operation) {
        return deliveries.stream()
                .filter(d -> d.operation() == operation)
                .findFirst()
                .orElse(null);
    }

    public Path runDirectory(StartedRun run) {
        return config.workDir().resolve(run.businessKey()).resolve(Long.toString(run.runId()));
    }

    /** dataSource_date_time_runN, the date in the schedule's date format (no path separators) and timezone. */
    static String baseName(StartedRun run) {
        ScheduleConfiguration schedule = run.configuration();
        String pattern =
                ExporterConstants.DATE_FORMATS.get(schedule.dateFormat()).replace('/', '-');
        String timestamp = run.startedAt()
                .atZoneSameInstant(ZoneId.of(schedule.timezone()))
                .format(DateTimeFormatter.ofPattern(pattern + "'T'HHmmss"));
        return schedule.dataSource() + "_" + timestamp + "_run" + run.runId();
    }
}
