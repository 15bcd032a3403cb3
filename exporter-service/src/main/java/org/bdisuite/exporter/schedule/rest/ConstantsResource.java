package org.bdisuite.exporter.schedule.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.bdisuite.exporter.api.ConstantsVo;
import org.bdisuite.exporter.common.ExporterConstants;
import org.bdisuite.exporter.openapi.ExporterApiDocs;
import org.bdisuite.model.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/exporter/constants")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ExporterApiDocs.CATALOG)
public class ConstantsResource {

    private final ExporterConstants constants;

    public ConstantsResource(ExporterConstants constants) {
        this.constants = constants;
    }

    @GET
    @RolesAllowed({Roles.DATA_EXPORTER, Roles.ADMIN, Roles.MONITOR})
    @Operation(operationId = "constants", summary = "operations, fileTypes, dateFormats and frequencies")
    public ConstantsVo constants() {
        return constants.constants();
    }
}
