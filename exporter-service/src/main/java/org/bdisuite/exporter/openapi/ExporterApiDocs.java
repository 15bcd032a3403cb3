package org.bdisuite.exporter.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.Map;
import org.bdisuite.runtime.openapi.ApiExamples;
import org.bdisuite.runtime.openapi.ApiTexts;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Paths;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

/**
 * The exporter contract's shared texts: tags, the error descriptions several operations share, what each recurring
 * parameter means, and example payloads of the GOSS schedule request, a run and the history events. Runs at build
 * time; the result is docs/openapi/exporter-service.yaml.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ExporterApiDocs implements OASFilter {

    // Tags name the generated client's API classes (ExportSchedulesApi, ...): Title Case nouns, as the other services'.
    public static final String SCHEDULES = "Export Schedules";
    public static final String RUNS = "Runs and Errors";
    public static final String CATALOG = "Catalog";
    public static final String SERVICES = "Services Stream";

    public static final String BAD_PAGE = "page below 0, or size not 1 to 500";
    public static final String REJECTED_SCHEDULE =
            "A rejected schedule: errors lists every violation (field, message) with" + " the allowed values";
    public static final String EXPORT_FAILED =
            "export-failed: the export ran and failed (recorded, audited and written to" + " DataExporterErrors)";

    private static final Map<String, String> TAGS = Map.of(
            SCHEDULES,
                    "GOSS Data Exporter schedules as long-lived instances: startExport, editExport and cancelExport"
                            + " messages, their REST forms, views and histories",
            RUNS,
                    "The daily processSchedules run on demand, retries of failed runs, run files and the"
                            + " DataExporterErrors log",
            CATALOG,
                    "What a schedule may name: operations, file types, date formats, frequencies, data sources and"
                            + " stored SFTP destinations",
            SERVICES,
                    "The Genesys services stream: ingest of services (start, end, bulk NDJSON) and their export for a"
                            + " time range with filter_events / filter_state, as a JSON or NDJSON stream or as CSV / JSON"
                            + " file jobs");

    private static final Map<String, String> PARAMETERS = Map.of(
            "page", "Page number, from 0",
            "size", "Page size, 1 to 500",
            "businessKey", "The schedule's business key (answered by createSchedule)",
            "runId", "A run's id",
            "id", "A service's id (answered by startService)",
            "jobId", "A file-export job's id (answered by createServicesFileExport)",
            "name", "A data source's name, or a file name the run wrote",
            "Range", "A single byte range (bytes=first-last, first-, -suffix): answered 206 with that part");

    private static final ApiTexts TEXTS = new ApiTexts(TAGS, PARAMETERS);

    @Override
    public Parameter filterParameter(Parameter parameter) {
        return TEXTS.describe(parameter);
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        TEXTS.describeTags(openAPI);
        tagsFirst(openAPI);
        ApiExamples.add(openAPI, "ScheduleRequest", """
                {"description": "Daily appointments to the planning team", "dataSource": "sampleAppointments",
                 "fileType": "CSV", "operations": ["EMAIL", "SFTP"],
                 "recipients": [{"address": "planning@example.com", "name": "Planning"}],
                 "sftpDetailsKey": "local-sftp", "frequency": {"type": "weekly", "dayOfWeek": "MONDAY"},
                 "dateFormat": "ISO_DATE", "timezone": "Europe/Berlin", "parameters": {"status": "BOOKED"},
                 "split": false}
                """);
        ApiExamples.add(openAPI, "RunVo", """
                {"runId": 12, "businessKey": "b1f0c6d2-7a51-4c55-9a55-3c1f3f9e2a10", "fireDate": "2026-11-23",
                 "from": "Run", "user": "planner", "outcome": "SUCCEEDED", "startedAt": "2026-11-23T06:00:00Z",
                 "finishedAt": "2026-11-23T06:00:02.400Z", "rows": 120,
                 "files": [{"name": "sampleAppointments_2026-11-23T060000_run12.csv", "bytes": 10342,
                   "sha256": "9f2c4f0c1f1f5a3f8ad2b8c3a7c5e1d2f4b6a8c0e2d4f6a8b0c2d4e6f8a0b2c4"}]}
                """);
        ApiExamples.add(openAPI, "HistoryEventVo", """
                {"id": 31, "label": {"labela": "_DataExporter", "labelb": "b1f0c6d2-7a51-4c55-9a55-3c1f3f9e2a10",
                  "labelc": "reporting_audit"},
                 "recordedAt": "2026-11-23T06:00:02.400Z",
                 "event": {"scheduleFrequency": "weekly on MONDAY", "sftpDetailsKey": "local-sftp",
                  "operations": ["EMAIL", "SFTP"], "recipients": [{"address": "planning@example.com", "name": "Planning"}],
                  "description": "File Export Processed", "from": "Run",
                  "dataSource": "goss.DataExporter.dataSources.sampleAppointments", "user": "planner",
                  "timestamp": "2026-11-23T06:00:02.400Z", "runId": 12, "rows": 120,
                  "files": [{"name": "sampleAppointments_2026-11-23T060000_run12.csv", "bytes": 10342,
                    "sha256": "9f2c4f0c1f1f5a3f8ad2b8c3a7c5e1d2f4b6a8c0e2d4f6a8b0c2d4e6f8a0b2c4"}],
                  "outcome": "SUCCEEDED", "error": null}}
                """);
    }

    /**
     * The document's sections in one order (tags, components, paths), whatever order the resources are scanned in:
     * the scanner writes each section when it first needs it, so moving a resource to another package would
     * otherwise reorder the stored contract.
     */
    private static void tagsFirst(OpenAPI openAPI) {
        Components components = openAPI.getComponents();
        Paths paths = openAPI.getPaths();
        openAPI.setComponents(null);
        openAPI.setPaths(null);
        openAPI.setComponents(components);
        openAPI.setPaths(paths);
    }
}
