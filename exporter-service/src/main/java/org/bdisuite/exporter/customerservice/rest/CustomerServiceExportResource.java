package org.bdisuite.exporter.customerservice.rest;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import org.bdisuite.exporter.customerservice.api.CustomerServiceSelection;
import org.bdisuite.exporter.customerservice.api.FileJobVo;
import org.bdisuite.exporter.customerservice.service.CustomerServiceStreams;
import org.bdisuite.exporter.customerservice.service.FileJobs;
import org.bdisuite.exporter.openapi.ExporterApiDocs;
import org.bdisuite.model.Roles;
import org.bdisuite.model.api.ErrorBody;
import org.bdisuite.runtime.error.InvalidRequestException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The Genesys export of the services stream: as a JSON stream (ids or whole services; NDJSON on request; resumable
 * with after=<last id>) and as file-export jobs (CSV / JSON parts plus a manifest, downloadable with Range).
 */
@APIResponse(
        responseCode = "401",
        description = "Not authenticated (HTTP basic)",
        content = @Content(schema = @Schema(implementation = ErrorBody.class)))
@APIResponse(
        responseCode = "403",
        description = "The user has none of bdi-admin, bdi-operator, bdi-monitor, DATAEXPORTER",
        content = @Content(schema = @Schema(implementation = ErrorBody.class)))
@Path("/exporter/services/export")
@Tag(name = ExporterApiDocs.SERVICES)
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.MONITOR, Roles.DATA_EXPORTER})
public class CustomerServiceExportResource {

    private final CustomerServiceStreams streams;
    private final FileJobs fileJobs;
    private final StreamPermits permits;
    private final SecurityIdentity identity;

    public CustomerServiceExportResource(
            CustomerServiceStreams streams, FileJobs fileJobs, StreamPermits permits, SecurityIdentity identity) {
        this.streams = streams;
        this.fileJobs = fileJobs;
        this.permits = permits;
        this.identity = identity;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, CustomerServiceResource.NDJSON})
    @Operation(
            operationId = "exportServicesStream",
            summary =
                    "The services with events in [time_from, time_to]"
                            + " (filter_events any | started | completed, filter_state any | active | inactive), ordered by id, as a"
                            + " JSON array streamed from the database: ids, or whole services with export_content=true;"
                            + " Accept: application/x-ndjson for one value per line; after=<last id> resumes; limit caps the count")
    @APIResponse(
            responseCode = "200",
            description = "The stream (a JSON array, or NDJSON); bytes, so that a client streams it",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(type = SchemaType.STRING, format = "binary")),
                @Content(
                        mediaType = CustomerServiceResource.NDJSON,
                        schema = @Schema(type = SchemaType.STRING, format = "binary"))
            })
    @APIResponse(
            responseCode = "400",
            description = "A missing or bad parameter, time_from after time_to,"
                    + " or filter_events=completed with filter_state=active",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(
            responseCode = "429",
            description = "The user already holds suite.exporter.streams.max-per-user"
                    + " streams, or every stream of the instance is in use (suite.exporter.streams.pool-size); Retry-After"
                    + " says when to try again",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response stream(
            @BeanParam Selection selection,
            @Context HttpHeaders headers,
            @Parameter(
                            description = "true: whole services (id, state, times, events, payload) instead of ids",
                            schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false"))
                    @QueryParam("export_content")
                    String exportContent,
            @Parameter(
                            description = "Resume token: only services with an id greater than this (the last id"
                                    + " received)",
                            schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "0"))
                    @QueryParam("after")
                    String after,
            @Parameter(
                            description = "At most this many services (no cap when absent)",
                            schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "1"))
                    @QueryParam("limit")
                    String limit) {
        boolean lines = prefersNdjson(headers);
        CustomerServiceStreams.Request request = new CustomerServiceStreams.Request(
                selection.parse(),
                flag("export_content", exportContent),
                lines,
                number("after", after, 0),
                number("limit", limit, 1));
        permits.holdUntilRequestComplete(identity.getPrincipal().getName());
        StreamingOutput body = out -> streams.write(request, out);
        return Response.ok(body, lines ? CustomerServiceResource.NDJSON : MediaType.APPLICATION_JSON)
                .build();
    }

    @POST
    @Path("/files")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "createServicesFileExport",
            summary = "Starts a file export of the same selection as"
                    + " the stream (query parameters time_from, time_to, filter_events, filter_state) in format=CSV | JSON:"
                    + " parts of at most suite.exporter.max-rows services plus a manifest")
    @APIResponse(
            responseCode = "202",
            description = "Accepted; Location is the job",
            content = @Content(schema = @Schema(implementation = FileJobVo.class)))
    @APIResponse(
            responseCode = "400",
            description = "A missing or bad parameter or format",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response createFileJob(
            @BeanParam Selection selection,
            @Context UriInfo uri,
            @Parameter(
                            description = "The files' format",
                            required = true,
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            enumeration = {"CSV", "JSON"}))
                    @QueryParam("format")
                    String format) {
        FileJobVo job = fileJobs.create(
                selection.parse(),
                FileJobs.format(format),
                identity.getPrincipal().getName());
        return Response.accepted(job)
                .location(uri.getBaseUriBuilder()
                        .path(FileJobs.BASE_PATH)
                        .path(job.jobId())
                        .build())
                .build();
    }

    @GET
    @Path("/files/{jobId}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "getServicesFileExport",
            summary = "A file-export job: state, progress (rows written"
                    + " so far) and, once SUCCEEDED, its files with size, SHA-256, rows and download URL")
    @APIResponse(
            responseCode = "200",
            description = "The job",
            content = @Content(schema = @Schema(implementation = FileJobVo.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such job",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public FileJobVo getFileJob(@PathParam("jobId") String jobId) {
        return fileJobs.get(jobId);
    }

    @GET
    @Path("/files/{jobId}/{name}")
    @Produces({"text/csv", MediaType.APPLICATION_JSON})
    @Operation(
            operationId = "downloadServicesFile",
            summary = "Downloads a file of a finished job; a single"
                    + " Range (bytes=first-last, first-, -suffix) answers 206 with Content-Range")
    @APIResponse(
            responseCode = "200",
            description = "The whole file",
            content = {
                @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING, format = "binary")),
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(type = SchemaType.STRING, format = "binary"))
            })
    @APIResponse(
            responseCode = "206",
            description = "The requested range",
            content = {
                @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING, format = "binary")),
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(type = SchemaType.STRING, format = "binary"))
            })
    @APIResponse(
            responseCode = "404",
            description = "No such job or file, or its files were deleted (retention)",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(
            responseCode = "409",
            description = "The job has not succeeded",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(
            responseCode = "416",
            description = "The range lies outside the file",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response download(
            @PathParam("jobId") String jobId,
            @PathParam("name") String name,
            @HeaderParam("Range") String rangeHeader) {
        FileJobs.Download file = fileJobs.download(jobId, name);
        String type = name.endsWith(".csv") ? "text/csv; charset=UTF-8" : MediaType.APPLICATION_JSON;
        ByteRange range = ByteRange.of(rangeHeader, file.bytes());
        Response.ResponseBuilder response = range == null
                ? Response.ok(file.path().toFile(), type)
                : Response.status(206)
                        .entity((StreamingOutput) out -> copy(file, range, out))
                        .type(type)
                        .header("Content-Range", range.contentRange(file.bytes()))
                        .header(HttpHeaders.CONTENT_LENGTH, range.length());
        return response.header("Accept-Ranges", "bytes")
                .header("Content-Disposition", "attachment; filename=\"" + file.name() + "\"")
                .header("Digest", "sha-256=" + file.sha256())
                .build();
    }

    private static void copy(FileJobs.Download file, ByteRange range, OutputStream out) throws IOException {
        try (FileChannel channel = FileChannel.open(file.path(), StandardOpenOption.READ);
                InputStream in = Channels.newInputStream(channel.position(range.first()))) {
            byte[] buffer = new byte[64 * 1024];
            long left = range.length();
            while (left > 0) {
                int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (read < 0) {
                    break;
                }
                out.write(buffer, 0, read);
                left -= read;
            }
        }
    }

    /**
     * The Genesys selection both operations take, declared so that the contract (and a generated client) has it;
     * read as text so that a bad value gets the selection's own 400 naming the parameter and its allowed values.
     */
    public static class Selection {

        @Parameter(
                description = "Start of the range (inclusive): ISO-8601 with an offset (epoch milliseconds also"
                        + " accepted)",
                required = true,
                schema = @Schema(type = SchemaType.STRING, format = "date-time"))
        @QueryParam(CustomerServiceSelection.TIME_FROM)
        String timeFrom;

        @Parameter(
                description = "End of the range (inclusive), not before time_from: ISO-8601 with an offset (epoch"
                        + " milliseconds also accepted)",
                required = true,
                schema = @Schema(type = SchemaType.STRING, format = "date-time"))
        @QueryParam(CustomerServiceSelection.TIME_TO)
        String timeTo;

        @Parameter(
                description = "Which events in the range select a service: any, started (its start event) or"
                        + " completed (its end event)",
                schema =
                        @Schema(
                                type = SchemaType.STRING,
                                enumeration = {"any", "started", "completed"},
                                defaultValue = "any"))
        @QueryParam(CustomerServiceSelection.FILTER_EVENTS)
        String filterEvents;

        @Parameter(
                description = "The state of the selected services now: any, active (not ended) or inactive"
                        + " (ended); active does not go with filter_events=completed",
                schema =
                        @Schema(
                                type = SchemaType.STRING,
                                enumeration = {"any", "active", "inactive"},
                                defaultValue = "any"))
        @QueryParam(CustomerServiceSelection.FILTER_STATE)
        String filterState;

        CustomerServiceSelection parse() {
            Map<String, String> parameters = new HashMap<>();
            put(parameters, CustomerServiceSelection.TIME_FROM, timeFrom);
            put(parameters, CustomerServiceSelection.TIME_TO, timeTo);
            put(parameters, CustomerServiceSelection.FILTER_EVENTS, filterEvents);
            put(parameters, CustomerServiceSelection.FILTER_STATE, filterState);
            return CustomerServiceSelection.parse(parameters);
        }

        private static void put(Map<String, String> parameters, String name, String value) {
            if (value != null) {
                parameters.put(name, value);
            }
        }
    }

    /** NDJSON when the client's Accept prefers it to JSON (the media types are ordered by preference). */
    private static boolean prefersNdjson(HttpHeaders headers) {
        for (MediaType type : headers.getAcceptableMediaTypes()) {
            if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE)
                    && !type.isWildcardType()
                    && !type.isWildcardSubtype()) {
                return false;
            }
            if (CustomerServiceResource.NDJSON.equals(type.getType() + "/" + type.getSubtype())) {
                return true;
            }
            if (type.isWildcardType()) {
                return false;
            }
        }
        return false;
    }

    private static boolean flag(String name, String value) {
        if (value == null || value.isEmpty() || "false".equals(value)) {
            return false;
        }
        if ("true".equals(value)) {
            return true;
        }
        throw InvalidRequestException.forField(name, "unknown value '" + value + "'; allowed: true, false");
    }

    private static Long number(String name, String value, long min) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            long number = Long.parseLong(value);
            if (number >= min) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw InvalidRequestException.forField(
                name, "'" + value + "' is not allowed; allowed: a whole number >= " + min);
    }
}
