package org.bdisuite.batchadmin.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRootName;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import java.util.List;

/**
 * The spec's Data Service answer: the data set (interface-module data control id) a job worked on, with the job
 * instance and its executions; nextPending answers only the first two fields.
 */
@JsonRootName("jobDataSetVo")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobDataSetVo(
        String interfaceModule,
        long interfaceModuleDataControlId,
        String jobName,
        JobDataSetInstance jobDataSetInstance) {

    /** A job instance and its executions, oldest first. */
    public record JobDataSetInstance(
            long jobInstanceId,

            @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "jobDataSetExecutions")
            List<JobDataSetExecution> jobDataSetExecutions) {}

    public record JobDataSetExecution(long jobExecutionId) {}
}
