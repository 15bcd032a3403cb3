package org.bdisuite.runtime.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The REST layer's adapter to {@link ErrorMapping}. One method per exception type that Quarkus has a built-in
 * mapper for, because JAX-RS picks the mapper of the nearest type: a single Throwable mapper would lose to them.
 */
public class RestErrorMappers {

    @ServerExceptionMapper
    public Response suite(SuiteException e, HttpHeaders headers, UriInfo uri, jakarta.ws.rs.core.Request request) {
        return respond(e, headers, uri, request);
    }

    @ServerExceptionMapper
    public Response validation(
            ConstraintViolationException e, HttpHeaders headers, UriInfo uri, jakarta.ws.rs.core.Request request) {
        return respond(e, headers, uri, request);
    }

    @ServerExceptionMapper
    public Response endpointValidation(
            ResteasyReactiveViolationException e,
            HttpHeaders headers,
            UriInfo uri,
            jakarta.ws.rs.core.Request request) {
        return respond(e, headers, uri, request);
    }

    @ServerExceptionMapper
    public Response json(
            JsonProcessingException e, HttpHeaders headers, UriInfo uri, jakarta.ws.rs.core.Request request) {
        return respond(e, headers, uri, request);
    }

    @ServerExceptionMapper
    public Response jsonInput(
            MismatchedInputException e, HttpHeaders headers, UriInfo uri, jakarta.ws.rs.core.Request request) {
        return respond(e, headers, uri, request);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(
            AuthenticationFailedException e, HttpHeaders headers, UriInfo uri, jakarta.ws.rs.core.Request request) {
        return respond(e, headers, uri, request);
    }

    @ServerExceptionMapper
    public Response unauthorized(
            UnauthorizedException e, HttpHeaders headers, UriInfo uri, jakarta.ws.rs.core.Request request) {
        return respond(e, headers, uri, request);
    }

    @ServerExceptionMapper
    public Response forbidden(
            ForbiddenException e, HttpHeaders headers, UriInfo uri, jakarta.ws.rs.core.Request request) {
        return respond(e, headers, uri, request);
    }

    @ServerExceptionMapper
    public Response webApplication(
            WebApplicationException e, HttpHeaders headers, UriInfo uri, jakarta.ws.rs.core.Request request) {
        return respond(e, headers, uri, request);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, HttpHeaders headers, UriInfo uri, jakarta.ws.rs.core.Request request) {
        return respond(e, headers, uri, request);
    }

    private static Response respond(
            Throwable failure, HttpHeaders headers, UriInfo uri, jakarta.ws.rs.core.Request request) {
        ErrorMapping.MappedError error =
                ErrorMapping.map(failure, new ErrorMapping.Request(request.getMethod(), pathOf(uri)));
        MediaType type = ErrorRendering.mediaTypeFor(headers.getHeaderString(HttpHeaders.ACCEPT));
        Response.ResponseBuilder response =
                Response.status(error.status()).type(type).entity(ErrorRendering.render(error.body(), type));
        error.headers().forEach(response::header);
        return response.build();
    }

    /**
     * The path for the message. UriInfo decodes the already decoded path once more, which fails on a '%' the client
     * sent encoded (%25); the request URI's path then names the request (without its query).
     */
    private static String pathOf(UriInfo uri) {
        String path;
        try {
            path = uri.getPath();
        } catch (IllegalArgumentException e) {
            path = uri.getRequestUri().getRawPath();
        }
        return "/" + path.replaceFirst("^/", "");
    }
}
