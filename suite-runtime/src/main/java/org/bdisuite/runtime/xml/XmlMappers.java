package org.bdisuite.runtime.xml;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The one XmlMapper of a service (thread-safe once configured). */
public final class XmlMappers {

    public static final XmlMapper MAPPER = XmlMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private XmlMappers() {}
}
