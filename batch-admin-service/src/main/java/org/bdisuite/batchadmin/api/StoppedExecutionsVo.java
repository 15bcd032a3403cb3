package org.bdisuite.batchadmin.api;

import com.fasterxml.jackson.annotation.JsonRootName;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import java.util.List;

/** The executions a "stop all" asked to stop (each then goes STOPPING, then STOPPED). */
@JsonRootName("stoppedExecutionsVo")
public record StoppedExecutionsVo(
        @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "executionIdVo")
        List<ExecutionIdVo> executionIdVo) {}
