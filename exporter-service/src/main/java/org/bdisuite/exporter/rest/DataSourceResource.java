package org.bdisuite.exporter.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bdisuite.exporter.api.DataSourceVo;
import org.bdisuite.exporter.api.PreviewVo;
import org.bdisuite.exporter.service.DataSourcePreviews;
import org.bdisuite.model.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The dataSources namespace. */
@Path("/exporter/data-sources")
@Produces(MediaType.APPLICATION_JSON)
public class DataSourceResource {

    private final DataSourcePreviews previews;

    public DataSourceResource(DataSourcePreviews previews) {
        this.previews = previews;
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
    @Operation(operationId = "previewDataSource", summary = "The first rows as {headerRow, data}; other query "
            + "parameters are the data source's parameters")
    public PreviewVo preview(@PathParam("name") String name, @QueryParam("limit") @DefaultValue("10") int limit,
                             @Context UriInfo uri) {
        Map<String, String> parameters = new LinkedHashMap<>();
        uri.getQueryParameters().forEach((key, values) -> {
            if (!"limit".equals(key) && !values.isEmpty()) {
                parameters.put(key, values.get(0));
            }
        });
        return previews.preview(name, limit, parameters);
    }
}
