package org.bdisuite.batchadmin.api;

import com.fasterxml.jackson.annotation.JsonRootName;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import java.util.List;

/** A page of the instances of one job, newest first. */
@JsonRootName("jobInstancesVo")
public record JobInstancesVo(
        String jobName,
        int page,
        int size,
        boolean hasMore,

        @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "jobInstanceVo")
        List<JobInstanceVo> jobInstanceVo) {}
