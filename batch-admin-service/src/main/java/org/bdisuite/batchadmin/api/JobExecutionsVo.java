package org.bdisuite.batchadmin.api;

import com.fasterxml.jackson.annotation.JsonRootName;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import java.util.List;

/**
 * A page of executions, newest first. {@code hasMore} instead of a total: counting a million rows on every
 * page would cost more than the page itself.
 */
@JsonRootName("jobExecutionsVo")
public record JobExecutionsVo(
        int page,
        int size,
        boolean hasMore,
        @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "jobExecutionVo")
        List<JobExecutionVo> jobExecutionVo) {
}
