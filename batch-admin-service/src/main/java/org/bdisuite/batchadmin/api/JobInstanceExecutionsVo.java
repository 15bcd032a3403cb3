package org.bdisuite.batchadmin.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRootName;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import java.util.List;

/**
 * The spec's "Check Status of a Job" answer: a job instance and (some of) its executions, newest first. The list of
 * an instance's executions is a page like the other lists ({@code page}, {@code size}, {@code hasMore},
 * {@code nextAfter}: the {@code after} of the next page), so that it never ends silently; the one-execution answer
 * of {@code GET /batch/jobs/{jobName}/{jobExecutionId}} has no paging fields.
 */
@JsonRootName("jobInstanceExecutionsVo")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobInstanceExecutionsVo(
        String jobName,
        long jobInstanceId,
        String resource,
        Integer page,
        Integer size,
        Boolean hasMore,
        Long nextAfter,

        @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "jobInstanceExecutionVo")
        List<JobInstanceExecutionVo> jobInstanceExecutionVo) {}
