package org.bdisuite.runtime.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.MediaType;
import java.util.Locale;
import org.bdisuite.model.api.ErrorBody;
import org.bdisuite.runtime.xml.XmlMappers;

/**
 * Writes the error body as JSON, or as XML (the BDI spec's {@code <exceptionVo>}) when the client asked for
 * XML before JSON in its Accept header.
 */
public final class ErrorRendering {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ErrorRendering() {}

    /** The media type of an error for a request with this Accept header (may be null). */
    public static MediaType mediaTypeFor(String acceptHeader) {
        if (acceptHeader == null) {
            return MediaType.APPLICATION_JSON_TYPE;
        }
        String accept = acceptHeader.toLowerCase(Locale.ROOT);
        int xml = firstIndexOf(accept, "application/xml", "text/xml");
        int json = firstIndexOf(accept, "application/json", "*/*", "application/*");
        return xml >= 0 && (json < 0 || xml < json) ? MediaType.APPLICATION_XML_TYPE : MediaType.APPLICATION_JSON_TYPE;
    }

    public static String render(ErrorBody body, MediaType mediaType) {
        try {
            return MediaType.APPLICATION_XML_TYPE.isCompatible(mediaType)
                    ? XmlMappers.MAPPER.writeValueAsString(body)
                    : JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The error body is a plain record and always serializable", e);
        }
    }

    private static int firstIndexOf(String text, String... candidates) {
        int first = -1;
        for (String candidate : candidates) {
            int index = text.indexOf(candidate);
            if (index >= 0 && (first < 0 || index < first)) {
                first = index;
            }
        }
        return first;
    }
}
