package org.bdisuite.batchadmin.api;

import com.fasterxml.jackson.annotation.JsonRootName;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import java.util.List;

/** The batch jobs this service can start, by name. */
@JsonRootName("jobsVo")
public record JobsVo(
        @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "jobVo")
        List<JobVo> jobVo) {

    /**
     * One job.
     *
     * @param resource its instances ({@code /batch/jobs/{jobName}})
     */
    public record JobVo(String jobName, String jobXmlFile, String resource) {}
}
