package org.bdisuite.batchadmin.api;

import com.fasterxml.jackson.annotation.JsonRootName;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import java.util.List;

@JsonRootName("receiverOptionsVo")
public record ReceiverOptionsVo(
        @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "receiverOptionVo")
        List<ReceiverOptionVo> receiverOptionVo) {}
