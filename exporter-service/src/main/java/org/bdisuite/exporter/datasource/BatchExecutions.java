package org.bdisuite.exporter.datasource;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The batch jobs' executions (the JBeret job repository). */
@ApplicationScoped
public class BatchExecutions extends TableDataSource {

    public BatchExecutions() {
        super(
                "batchExecutions",
                "Batch job executions: one row per JSR-352 job execution",
                List.of("jobExecutionId", "jobName", "batchStatus", "exitStatus", "createTime", "startTime", "endTime"),
                "SELECT e.jobexecutionid AS \"jobExecutionId\", i.jobname AS \"jobName\","
                        + " e.batchstatus AS \"batchStatus\", e.exitstatus AS \"exitStatus\","
                        + " e.createtime AS \"createTime\", e.starttime AS \"startTime\", e.endtime AS \"endTime\""
                        + " FROM job_execution e JOIN job_instance i ON i.jobinstanceid = e.jobinstanceid",
                filters(),
                "e.jobexecutionid");
    }

    private static Map<String, String> filters() {
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("jobName", "i.jobname");
        filters.put("batchStatus", "e.batchstatus");
        return filters;
    }
}
