package org.bdisuite.batchadmin.rest;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.math.BigDecimal;
import java.util.Map;
import java.util.function.Supplier;
import org.bdisuite.runtime.openapi.ApiExamples;
import org.bdisuite.runtime.openapi.ApiTexts;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

/**
 * The batch-admin contract's shared texts: tags, the error descriptions several operations share, what each
 * recurring parameter means, and example payloads of the spec's executionIdVo, jobExecutionVo and jobDataSetVo.
 * Runs at build time; the result is docs/openapi/batch-admin-service.yaml.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class BatchApiDocs implements OASFilter {

    static final String BATCH = "Batch Service";
    static final String DATA = "Data Service";
    static final String SETTINGS = "System Setting Service";

    static final String BAD_ID = "An id that is not a positive whole number";
    static final String BAD_LIST = "A bad list parameter (page, size, status, from, to or after), named in the error";
    static final String BAD_JOB_PARAMETERS = "Bad jobParameters: malformed (no '=', an empty or bad name, a name"
            + " twice), a parameter the job does not read, or a value out of its type or range (invalid-job-parameter;"
            + " each bad parameter named in errors as jobParameters.<name>)";
    static final String NO_JOB = "No such job";
    static final String NO_EXECUTION = "No such job execution";
    static final String NOT_A_PIPELINE_JOB =
            "Not a <Module>_DownloaderAndTransporter...Job or <Module>_ImporterJob /" + " _UploaderJob";
    static final String BAD_DATA_SET =
            "A kind other than downloader or uploader, or an id that is not a positive" + " whole number";
    static final String BAD_USER_NAME = "A user name outside the allowed characters or length";
    static final String NOT_JSON = "The body is not application/json";

    private static final Map<String, String> TAGS = Map.of(
            BATCH, "The BDI Job Admin Batch Service (spec Table 3-3) over JSR-352 (JBeret), plus abandon",
            DATA, "The BDI Data Service (spec Table 3-4): which data set a pipeline job works on",
            SETTINGS,
                    "The System Setting Service: users, system options, receiver options, credentials and destinations");

    private static final Map<String, String> PARAMETERS = Map.ofEntries(
            Map.entry("page", "Page number, from 0"),
            Map.entry("size", "Page size, 1 to 500"),
            Map.entry(
                    "status",
                    "Only executions in these batch statuses (comma separated): STARTING, STARTED,"
                            + " STOPPING, STOPPED, FAILED, COMPLETED, ABANDONED"),
            Map.entry("from", "Only executions created at or after this time (ISO-8601 with an offset)"),
            Map.entry("to", "Only executions created before this time (ISO-8601 with an offset)"),
            Map.entry(
                    "after",
                    "Lists of executions: the page after this execution id (keyset paging, instead of"
                            + " page; the previous page's nextAfter)"),
            Map.entry(
                    "jobParameters", "Job parameters as name=value pairs, comma separated: itemCount=500,partitions=2"),
            Map.entry("jobName", "The job's name, for example Diff_Fnd_DownloaderAndTransporterJob"),
            Map.entry("jobExecutionId", "A job execution id (a positive whole number)"),
            Map.entry("jobInstanceId", "A job instance id (a positive whole number)"),
            Map.entry("stepExecutionId", "A step execution id (a positive whole number)"),
            Map.entry(
                    "dataSetKind",
                    "Which data sets: downloader (outbound: extractor, downloader-transporter) or uploader (received:"
                            + " importer)"),
            Map.entry("dataSetId", "A data set's interface-module data control id (a positive whole number)"),
            Map.entry("username", "A user name"),
            Map.entry("interfaceModule", "An interface module, for example Diff_Fnd"),
            Map.entry("interfaceShortName", "An interface of the module, for example Diff"));

    private static final ApiTexts TEXTS = new ApiTexts(TAGS, PARAMETERS);

    /**
     * The types the list and id parameters accept. The resources read them as text (so that a bad value gets a
     * 400 that names it), which alone would make them strings in the contract and in a generated client.
     */
    private static final Map<String, Supplier<Schema>> SCHEMAS = Map.of(
            "page", () -> integer("int32", 0, null).defaultValue(0),
            "size", () -> integer("int32", 1, ListParameters.MAX_SIZE).defaultValue(20),
            "after", () -> integer("int64", 1, null),
            "from", BatchApiDocs::dateTime,
            "to", BatchApiDocs::dateTime,
            "jobExecutionId", () -> integer("int64", 1, null),
            "jobInstanceId", () -> integer("int64", 1, null),
            "stepExecutionId", () -> integer("int64", 1, null),
            "dataSetId", () -> integer("int64", 1, null));

    /** What {name} is, by the path it is in. */
    private static final Map<String, String> NAMES = Map.of(
            "/system-setting/credentials/", "The credential's name",
            "/system-setting/destinations/", "The destination's name",
            "/system-setting/system-options/", "The system option's name");

    private static Schema integer(String format, Integer minimum, Integer maximum) {
        Schema schema =
                OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format(format);
        if (minimum != null) {
            schema.minimum(BigDecimal.valueOf(minimum));
        }
        if (maximum != null) {
            schema.maximum(BigDecimal.valueOf(maximum));
        }
        return schema;
    }

    private static Schema dateTime() {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("date-time");
    }

    @Override
    public Parameter filterParameter(Parameter parameter) {
        Supplier<Schema> schema = SCHEMAS.get(parameter.getName());
        if (schema != null && parameter.getIn() != Parameter.In.HEADER) {
            parameter.setSchema(schema.get());
        }
        return TEXTS.describe(parameter);
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        TEXTS.describeTags(openAPI);
        openAPI.getPaths()
                .getPathItems()
                .forEach((path, item) -> NAMES.forEach((prefix, description) -> {
                    if (path.startsWith(prefix) && item.getOperations() != null) {
                        item.getOperations().values().stream()
                                .filter(operation -> operation.getParameters() != null)
                                .flatMap(operation -> operation.getParameters().stream())
                                .filter(parameter ->
                                        "name".equals(parameter.getName()) && parameter.getDescription() == null)
                                .forEach(parameter -> parameter.setDescription(description));
                    }
                }));
        ApiExamples.add(openAPI, "ExecutionIdVo", """
                {"executionId": 42, "jobName": "Diff_Fnd_DownloaderAndTransporterJob"}
                """);
        ApiExamples.add(openAPI, "JobExecutionVo", """
                {"executionId": 42, "jobName": "Diff_Fnd_DownloaderAndTransporterJob", "jobInstanceId": 17,
                 "executionStatus": "COMPLETED", "exitStatus": "COMPLETED", "createTime": "2026-11-22T02:10:00Z",
                 "executionStartTime": "2026-11-22T02:10:00.250Z", "executionEndTime": "2026-11-22T02:10:04.900Z",
                 "lastUpdatedTime": "2026-11-22T02:10:04.900Z", "executionDuration": 4650,
                 "jobParameters": {"itemCount": "500"}, "restartable": false, "stoppable": false, "abandonable": true,
                 "resource": "http://localhost:8082/batch/jobs/executions/42",
                 "stepExecutionVo": [{"stepExecutionId": 88, "executionId": 42, "stepName": "transport",
                   "stepStatus": "COMPLETED", "exitStatus": "SENT_10_BLOCKS_SKIPPED_0",
                   "stepStartTime": "2026-11-22T02:10:00.300Z", "stepEndTime": "2026-11-22T02:10:04.850Z",
                   "stepDuration": 4550, "readCount": 0, "writeCount": 0, "commitCount": 0, "rollbackCount": 0,
                   "readSkipCount": 0, "processSkipCount": 0, "filterCount": 0, "writeSkipCount": 0}]}
                """);
        ApiExamples.add(openAPI, "JobDataSetVo", """
                {"interfaceModule": "Diff_Fnd", "interfaceModuleDataControlId": 7,
                 "jobName": "Diff_Fnd_DownloaderAndTransporterJob",
                 "jobDataSetInstance": {"jobInstanceId": 17, "jobDataSetExecutions": [{"jobExecutionId": 42}]}}
                """);
    }
}
