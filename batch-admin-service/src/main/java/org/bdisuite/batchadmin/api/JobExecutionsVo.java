package org.bdisuite.batchadmin.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRootName;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import java.util.List;

/**
 * A page of executions, newest first. {@code hasMore} instead of a total: counting a million rows on every
 * page would cost more than the page itself. {@code nextAfter}, when there is more, is the value of {@code after}
 * that asks for the next page by keyset, as fast deep in the list as at its head.
 */
@JsonRootName("jobExecutionsVo")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobExecutionsVo(
        int page,
        int size,
        boolean hasMore,
        Long nextAfter,

        @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "jobExecutionVo")
        List<JobExecutionVo> jobExecutionVo) {}
