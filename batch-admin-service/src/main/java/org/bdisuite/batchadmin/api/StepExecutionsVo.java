package org.bdisuite.batchadmin.api;

import com.fasterxml.jackson.annotation.JsonRootName;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import java.util.List;

/** The steps of one execution, in the order they ran. */
@JsonRootName("stepExecutionsVo")
public record StepExecutionsVo(
        long executionId,

        @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "stepExecutionVo")
        List<StepExecutionVo> stepExecutionVo) {}
