package org.bdisuite.batchadmin.api;

import com.fasterxml.jackson.annotation.JsonRootName;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import java.util.List;

@JsonRootName("destinationsVo")
public record DestinationsVo(
        @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "destinationVo")
        List<DestinationVo> destinationVo) {}
