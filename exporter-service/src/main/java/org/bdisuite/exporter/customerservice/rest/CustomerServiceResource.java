package org.bdisuite.exporter.customerservice.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import org.bdisuite.exporter.customerservice.api.BulkIngestVo;
import org.bdisuite.exporter.customerservice.api.ServiceCreatedVo;
import org.bdisuite.exporter.customerservice.api.ServiceEndRequest;
import org.bdisuite.exporter.customerservice.api.ServiceRequest;
import org.bdisuite.exporter.customerservice.api.ServiceVo;
import org.bdisuite.exporter.customerservice.service.CustomerServiceIngest;
import org.bdisuite.exporter.openapi.ExporterApiDocs;
import org.bdisuite.model.Roles;
import org.bdisuite.model.api.ErrorBody;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The services stream's ingest (start, end, bulk) and reads. Ingest is for systems that run services:
 * bdi-admin and bdi-operator; every exporting role may read.
 */
@APIResponse(
        responseCode = "401",
        description = "Not authenticated (HTTP basic)",
        content = @Content(schema = @Schema(implementation = ErrorBody.class)))
@APIResponse(
        responseCode = "403",
        description =
                "The user's roles do not allow it: ingest (POST) needs bdi-admin or bdi-operator, reads any of bdi-admin, bdi-operator, bdi-monitor, DATAEXPORTER",
        content = @Content(schema = @Schema(implementation = ErrorBody.class)))
@Path("/exporter/services")
@Tag(name = ExporterApiDocs.SERVICES)
@Produces(MediaType.APPLICATION_JSON)
public class CustomerServiceResource {

    static final String NDJSON = "application/x-ndjson";

    private final CustomerServiceIngest ingest;
    private final ObjectMapper mapper;

    public CustomerServiceResource(CustomerServiceIngest ingest, ObjectMapper mapper) {
        this.ingest = ingest;
        this.mapper = mapper;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @Operation(
            operationId = "startService",
            summary = "The start event: stores a service (type, customerId,"
                    + " content, optional startTime) and answers its id")
    @APIResponse(
            responseCode = "201",
            description = "Stored; Location is the service",
            content = @Content(schema = @Schema(implementation = ServiceCreatedVo.class)))
    @APIResponse(
            responseCode = "400",
            description = "A missing or bad field",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response start(ServiceRequest request, @Context UriInfo uri) {
        long id = ingest.start(request);
        return Response.created(
                        uri.getAbsolutePathBuilder().path(Long.toString(id)).build())
                .entity(new ServiceCreatedVo(id))
                .build();
    }

    @POST
    @Path("/bulk")
    @Consumes(NDJSON)
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @Operation(
            operationId = "ingestServicesBulk",
            summary =
                    "Stores many services: one service object per NDJSON"
                            + " line (as POST /exporter/services, plus an optional endTime), streamed into COPY; all or nothing")
    @APIResponse(
            responseCode = "200",
            description = "All lines stored",
            content = @Content(schema = @Schema(implementation = BulkIngestVo.class)))
    @APIResponse(
            responseCode = "400",
            description = "A bad line (named by its number); nothing was stored",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(
            responseCode = "413",
            description = "The body is larger than suite.exporter.services.max-bulk-size"
                    + " (256 MB unless configured); nothing was stored",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public BulkIngestVo bulk(InputStream body) throws IOException {
        return ingest.bulk(body);
    }

    @GET
    @Path("/{id: \\d+}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.MONITOR, Roles.DATA_EXPORTER})
    @Operation(operationId = "getService", summary = "A service, as the content stream prints it")
    @APIResponse(
            responseCode = "200",
            description = "The service",
            content = @Content(schema = @Schema(implementation = ServiceVo.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such service",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public String get(@PathParam("id") long id) {
        return ingest.json(id);
    }

    @POST
    @Path("/{id: \\d+}/end")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @Operation(
            operationId = "endService",
            summary = "The end event: completes the service (optional body"
                    + " {endTime}); completing it again changes nothing")
    @APIResponse(
            responseCode = "200",
            description = "The completed service",
            content = @Content(schema = @Schema(implementation = ServiceVo.class)))
    @APIResponse(
            responseCode = "400",
            description = "A bad endTime, or one before the start",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such service",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @Consumes(MediaType.WILDCARD)
    public String end(@PathParam("id") long id, String body) throws JsonProcessingException {
        // Any or no content type: a client that sends the end event without a body is the common case.
        ServiceEndRequest request =
                body == null || body.isBlank() ? null : mapper.readValue(body, ServiceEndRequest.class);
        return ingest.end(id, request);
    }
}
