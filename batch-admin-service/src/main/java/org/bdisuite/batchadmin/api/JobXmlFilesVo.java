package org.bdisuite.batchadmin.api;

import com.fasterxml.jackson.annotation.JsonRootName;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import java.util.List;

/** The job XML files (META-INF/batch-jobs) the service was built with. */
@JsonRootName("jobXmlFilesVo")
public record JobXmlFilesVo(
        @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "jobXmlFileVo")
        List<JobXmlFileVo> jobXmlFileVo) {

    /** One job XML file and the job it defines. */
    public record JobXmlFileVo(String fileName, String jobName) {}
}
