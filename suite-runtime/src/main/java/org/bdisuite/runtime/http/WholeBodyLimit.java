package org.bdisuite.runtime.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Bounds every body that Quarkus reads whole for an endpoint (a JSON object, a String): a declared Content-Length
 * above suite.http.max-json-body-size is refused at once, and a chunked body is counted while the reader reads it,
 * so nothing larger is ever held. Endpoints without a body parameter never read the body and are left alone (the
 * service's backstop bounds a declared length). Endpoints that take their body as an {@link InputStream} stream it
 * (bulk ingest, data blocks) and count it against their own limit; the service's quarkus.http.limits.max-body-size
 * is a backstop just above the largest of those. Runs after authentication and authorization: an anonymous client
 * learns nothing about limits.
 */
public class WholeBodyLimit {

    static final String LIMIT_NAME = "suite.http.max-json-body-size";

    private final HttpLimitsConfig config;
    private final Map<Method, Boolean> readsItWhole = new ConcurrentHashMap<>();

    public WholeBodyLimit(HttpLimitsConfig config) {
        this.config = config;
    }

    @ServerRequestFilter
    public void limit(ContainerRequestContext request, ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        String declared = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        boolean chunked = request.getHeaderString("Transfer-Encoding") != null;
        if (method == null
                || (declared == null && !chunked)
                || !readsItWhole.computeIfAbsent(method, WholeBodyLimit::readsBodyWhole)) {
            return;
        }
        long max = config.maxJsonBodySize().asLongValue();
        if (declared != null && DeclaredBodyLimit.isLarger(declared, max)) {
            throw LimitedInputStream.tooLarge(max, LIMIT_NAME);
        }
        request.setEntityStream(new LimitedInputStream(request.getEntityStream(), max, LIMIT_NAME));
    }

    /**
     * Whether Quarkus reads the method's body whole: it has a parameter without a JAX-RS annotation (the body) and
     * none that streams it (an InputStream). An endpoint without a body parameter never reads the body, so its size
     * costs nothing.
     */
    private static boolean readsBodyWhole(Method method) {
        Class<?>[] types = method.getParameterTypes();
        Annotation[][] annotations = method.getParameterAnnotations();
        boolean body = false;
        for (int i = 0; i < types.length; i++) {
            if (types[i] == InputStream.class) {
                return false;
            }
            body |= Arrays.stream(annotations[i]).noneMatch(WholeBodyLimit::isParameterSource);
        }
        return body;
    }

    /** @PathParam, @QueryParam, @Context and the like (JAX-RS and Quarkus REST): not the body. */
    private static boolean isParameterSource(Annotation annotation) {
        String name = annotation.annotationType().getName();
        return name.startsWith("jakarta.ws.rs.") || name.startsWith("org.jboss.resteasy.reactive.");
    }
}
