package org.bdisuite.exporter;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bdisuite.test.EmbeddedPostgresResource;
import org.bdisuite.test.OpenApiContract;
import org.junit.jupiter.api.Test;

/** The stored contract docs/openapi/exporter-service.yaml is what this build generates, and complete. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class OpenApiContractTest {

    @Test
    void storedContractIsTheGeneratedOne() throws Exception {
        OpenApiContract.assertStoredMatchesGenerated("exporter-service");
    }

    @Test
    void everyOperationHasAnIdASummaryItsRolesAndErrorBodies() throws Exception {
        OpenApiContract.assertEveryOperationDocumented(Set.of());
    }

    @Test
    void everyParameterAnOperationReadsIsDeclared() throws Exception {
        OpenApiContract.assertEveryReadParameterDeclared(
                List.of("org.bdisuite.exporter.schedule.rest", "org.bdisuite.exporter.customerservice.rest"),
                Map.of("DataSourceResource.java", "previewDataSource"));
    }
}
