package org.bdisuite.runtime.xml;

import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * Writes response entities as XML with Jackson (quarkus-rest-jaxb is not on the package mirror). The element
 * names come from the records' {@code @JsonRootName} / property names, e.g. {@code <executionIdVo>}.
 */
@Provider
@Produces({MediaType.APPLICATION_XML, MediaType.TEXT_XML})
public class XmlBodyWriter implements MessageBodyWriter<Object> {

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return !String.class.equals(type)
                && (MediaType.APPLICATION_XML_TYPE.isCompatible(mediaType)
                        || MediaType.TEXT_XML_TYPE.isCompatible(mediaType));
    }

    @Override
    public void writeTo(
            Object entity,
            Class<?> type,
            Type genericType,
            Annotation[] annotations,
            MediaType mediaType,
            MultivaluedMap<String, Object> httpHeaders,
            OutputStream entityStream)
            throws IOException {
        XmlMappers.MAPPER.writeValue(entityStream, entity);
    }
}
