package org.bdisuite.exporter.schedule.rest;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bdisuite.exporter.api.DataSourceVo;
import org.bdisuite.exporter.api.PreviewVo;
import org.bdisuite.exporter.api.SqlDataSourceRequest;
import org.bdisuite.exporter.openapi.ExporterApiDocs;
import org.bdisuite.exporter.schedule.service.DataSourcePreviews;
import org.bdisuite.exporter.schedule.service.SqlDataSources;
import org.bdisuite.model.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.Explode;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterStyle;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The dataSources namespace. */
@Path("/exporter/data-sources")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ExporterApiDocs.CATALOG)
public class DataSourceResource {

    /** The name the contract gives the preview's free-form query parameters (one object, exploded). */
    public static final String DATA_SOURCE_PARAMETERS = "parameters";

    private final DataSourcePreviews previews;
    private final SqlDataSources sqlDataSources;
    private final SecurityIdentity identity;

    public DataSourceResource(DataSourcePreviews previews, SqlDataSources sqlDataSources, SecurityIdentity identity) {
        this.previews = previews;
        this.sqlDataSources = sqlDataSources;
        this.identity = identity;
    }

    @POST
    @Path("/sql")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            operationId = "registerSqlDataSource",
            summary = "Registers one SELECT as a data source: 201; 422 for"
                    + " anything but a single SELECT; 409 when the name is taken")
    @APIResponse(
            responseCode = "201",
            description = "Registered; Location is its preview",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = DataSourceVo.class)))
    @APIResponse(responseCode = "400", description = "No name or no SQL, or a bad name")
    @APIResponse(responseCode = "409", description = "The name is taken")
    @APIResponse(
            responseCode = "422",
            description = "Not a single SELECT, or refused by PostgreSQL as the role"
                    + " suite_export_reader (reads only what was granted to it, read-only, with the statement timeout)")
    public Response registerSql(SqlDataSourceRequest request, @Context UriInfo uri) {
        DataSourceVo created =
                sqlDataSources.register(request, identity.getPrincipal().getName());
        return Response.created(uri.getBaseUriBuilder()
                        .path("exporter/data-sources")
                        .path(created.name())
                        .path("preview")
                        .build())
                .entity(created)
                .build();
    }

    @GET
    @RolesAllowed({Roles.DATA_EXPORTER, Roles.ADMIN, Roles.MONITOR})
    @Operation(operationId = "listDataSources", summary = "The data sources a schedule may export")
    public List<DataSourceVo> list() {
        return previews.list();
    }

    @GET
    @Path("/{name}/preview")
    @RolesAllowed({Roles.DATA_EXPORTER, Roles.ADMIN, Roles.MONITOR})
    @Operation(
            operationId = "previewDataSource",
            summary =
                    "The first rows as {headerRow, data}; other query " + "parameters are the data source's parameters")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "400", description = "A bad limit or data-source parameter")
    @APIResponse(responseCode = "404", description = "No such data source")
    @APIResponse(
            responseCode = "422",
            description = "A SQL data source's query was refused by PostgreSQL (a right"
                    + " no longer granted) or ran longer than the statement timeout")
    @Parameter(
            name = DATA_SOURCE_PARAMETERS,
            in = ParameterIn.QUERY,
            description = "The data source's own parameters (filters), each as name=value (the names its listing"
                    + " shows); any other name is a 400",
            style = ParameterStyle.FORM,
            explode = Explode.TRUE,
            schema = @Schema(type = SchemaType.OBJECT, additionalProperties = String.class))
    public PreviewVo preview(
            @PathParam("name") String name,
            @Parameter(
                            description = "How many rows to preview, 1 to suite.exporter.max-preview-rows (1000 unless"
                                    + " configured)",
                            schema = @Schema(type = SchemaType.INTEGER, format = "int32", defaultValue = "10"))
                    @QueryParam("limit")
                    @DefaultValue("10")
                    int limit,
            @Context UriInfo uri) {
        // The free-form parameters declared above as DATA_SOURCE_PARAMETERS (form style, exploded).
        Map<String, String> parameters = new LinkedHashMap<>();
        uri.getQueryParameters().forEach((key, values) -> {
            if (!"limit".equals(key) && !values.isEmpty()) {
                parameters.put(key, values.get(0));
            }
        });
        return previews.preview(name, limit, parameters);
    }
}
