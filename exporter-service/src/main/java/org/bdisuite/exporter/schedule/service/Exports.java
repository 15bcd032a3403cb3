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
import java.util.List;
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
            ExportTracing tracing) {
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
        StartedRun run = scheduleRuns.start(businessKey, ExportRun.FROM_RUN, user);
        try {
            return execute(run);
        } finally {
            scheduleRuns.returnToGateway(businessKey);
        }
    }

    /** Retries a failed run: its files are reused when they were written, and only missing deliveries are made. */
    public RunVo retry(long runId, String user) {
        StartedRun run = scheduleRuns.restart(runId, user);
        try {
            return execute(run);
        } finally {
            scheduleRuns.returnToGateway(run.businessKey());
        }
    }

    /** The run's span, a child of its trigger's (the API call, or the daily run). */
    RunVo execute(StartedRun run) {
        return tracing.inSpan(
                "export run",
                Attributes.of(RUN_ID, run.runId(), BUSINESS_KEY, run.businessKey(), TRIGGER, run.from()),
                () -> {
                    heartbeats.holding(run.runId());
                    try {
                        return generateAndDeliver(run);
                    } finally {
                        heartbeats.released(run.runId());
                    }
                });
    }

    private RunVo generateAndDeliver(StartedRun run) {
        Generated generated;
        try {
            ScheduleConfiguration schedule = run.configuration();
            ExportDataSource source = dataSources.get(schedule.dataSource());
            generated = tracing.inSpan(
                    "generate",
                    Attributes.of(RUN_ID, run.runId()),
                    () -> runFiles.stored(run.runId(), runDirectory(run))
                            .orElseGet(() -> files.generate(source, schedule, runDirectory(run), baseName(run))));
        } catch (RowLimitExceededException | DataSourceException e) {
            return records.failed(run, null, List.of(), e.getMessage());
        } catch (RuntimeException e) {
            return records.failed(
                    run,
                    null,
                    List.of(),
                    FailureTexts.unexpected(LOG, e, "Export run " + run.runId() + " of schedule " + run.businessKey()));
        }
        List<String> failures = deliver(run, generated);
        return failures.isEmpty()
                ? records.succeeded(run, generated.rows(), generated.files())
                : records.failed(run, generated.rows(), generated.files(), String.join("; ", failures));
    }

    /**
     * Runs every operation of the schedule that this run has not delivered yet, each recorded once delivered; a
     * failed operation does not stop the others. Returns the failures.
     */
    private List<String> deliver(StartedRun run, Generated generated) {
        List<String> failures = new ArrayList<>();
        for (ExportOperation operation : run.configuration().operations()) {
            if (QuarkusTransaction.requiringNew().call(() -> deliveryRecords.delivered(run.runId(), operation))) {
                continue;
            }
            Delivery delivery = deliveries.stream()
                    .filter(d -> d.operation() == operation)
                    .findFirst()
                    .orElse(null);
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
                QuarkusTransaction.requiringNew()
                        .run(() -> deliveryRecords.record(run.runId(), operation, detail, clock.now()));
            } catch (DeliveryException e) {
                failures.add(operation + " delivery failed: " + FailureTexts.external(e.getMessage()));
            } catch (RuntimeException e) {
                failures.add(FailureTexts.unexpected(LOG, e, operation + " delivery"));
            }
        }
        return failures;
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
