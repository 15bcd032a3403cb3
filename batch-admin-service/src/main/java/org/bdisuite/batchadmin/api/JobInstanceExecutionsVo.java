package org.bdisuite.batchadmin.api;

import com.fasterxml.jackson.annotation.JsonRootName;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import java.util.List;

/** The spec's "Check Status of a Job" answer: a job instance and (some of) its executions, newest first. */
@JsonRootName("jobInstanceExecutionsVo")
public record JobInstanceExecutionsVo(
        String jobName,
        long jobInstanceId,
        String resource,

        @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "jobInstanceExecutionVo")
        List<JobInstanceExecutionVo> jobInstanceExecutionVo) {}
