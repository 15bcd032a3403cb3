package org.bdisuite.it.contract;

import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.util.List;
import java.util.Map;

/**
 * A well-formed value for a parameter, by its name and schema: what the auth matrix sends and one of the fuzz's
 * choices. Identifiers name resources that do not exist (the matrix's "allowed" calls may answer 404, and so
 * change nothing the matrix depends on: no user, password or role of the matrix is touched).
 */
final class PlausibleValues {

    private static final Map<String, String> BY_NAME = Map.ofEntries(
            Map.entry("interfaceModule", "Fuzz_Fnd"),
            Map.entry("interfaceShortName", "Fuzz"),
            Map.entry("sourceSystemName", "FuzzSystem"),
            Map.entry("sourceSystemId", "fuzz-1"),
            Map.entry("transactionId", "Tx-matrix-1"),
            Map.entry("transmissionId", "Tm-matrix-1"),
            Map.entry("partitionName", "P1"),
            Map.entry("dataSetType", "FULL"),
            Map.entry("sourceSystemDataSetReadyTime", "2026-01-01T00:00:00Z"),
            Map.entry("jobName", "Matrix_No_Such_Job"),
            Map.entry("username", "matrix-no-such-user"),
            Map.entry("name", "matrix-no-such-name"),
            Map.entry("businessKey", "matrix-no-such-key"),
            Map.entry("jobId", "00000000-0000-4000-8000-000000000000"),
            Map.entry("from", "2026-01-01T00:00:00Z"),
            Map.entry("to", "2026-01-02T00:00:00Z"),
            Map.entry("status", "COMPLETED"),
            Map.entry("page", "0"),
            Map.entry("size", "20"),
            Map.entry("limit", "10"),
            Map.entry("after", "1"),
            Map.entry("format", "json"),
            Map.entry("export_content", "false"),
            Map.entry("jobParameters", "itemCount=10"),
            Map.entry("Range", "bytes=0-9"));

    private PlausibleValues() {}

    static String of(Parameter parameter) {
        String known = BY_NAME.get(parameter.getName());
        if (known != null) {
            return known;
        }
        if (isNumericId(parameter.getName())) {
            return "999999";
        }
        return of(parameter.getSchema());
    }

    /** A value of the schema: its first enum value, a small number, a date-time or a word. */
    static String of(Schema<?> schema) {
        if (schema == null) {
            return "matrix";
        }
        List<?> values = schema.getEnum();
        if (values != null && !values.isEmpty()) {
            return String.valueOf(values.get(0));
        }
        String type = typeOf(schema);
        if ("integer".equals(type) || "number".equals(type)) {
            return "1";
        }
        if ("boolean".equals(type)) {
            return "true";
        }
        if ("date-time".equals(schema.getFormat())) {
            return "2026-01-01T00:00:00Z";
        }
        return "matrix";
    }

    /** The schema's type, whether it is written as OpenAPI 3.0's type or 3.1's types. */
    static String typeOf(Schema<?> schema) {
        if (schema.getType() != null) {
            return schema.getType();
        }
        if (schema.getTypes() != null && !schema.getTypes().isEmpty()) {
            return schema.getTypes().stream()
                    .filter(t -> !"null".equals(t))
                    .findFirst()
                    .orElse("null");
        }
        if (schema.getProperties() != null) {
            return "object";
        }
        return null;
    }

    /** Ids of executions, instances, steps, runs, services: whole numbers even where typed as strings. */
    static boolean isNumericId(String name) {
        return name.endsWith("ExecutionId") || name.endsWith("InstanceId") || "id".equals(name) || "runId".equals(name);
    }
}
