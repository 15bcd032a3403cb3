package org.bdisuite.exporter;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import org.bdisuite.model.Roles;
import org.bdisuite.test.EmbeddedPostgresResource;
import org.bdisuite.test.TestUsers;
import org.bdisuite.test.TestUsers.TestUser;
import org.junit.jupiter.api.Test;

/** The exporter-service starts on the shared schema; health is open, everything else needs basic auth. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class ExporterFoundationTest {

    @Inject
    DataSource dataSource;

    @Test
    void healthIsOpenAndUp() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void apiDocsAndMetricsNeedCredentials() {
        given().get("/q/openapi")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", startsWith("Basic"))
                .body("status", equalTo("UNAUTHORIZED"));
        given().get("/q/metrics").then().statusCode(401);

        TestUser exporter = TestUsers.create(dataSource, "exporter-user", Roles.DATA_EXPORTER);
        given().auth()
                .preemptive()
                .basic(exporter.username(), exporter.password())
                .get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .body("info.title", equalTo("Data Exporter Service"));
        given().auth()
                .preemptive()
                .basic(exporter.username(), exporter.password())
                .get("/q/metrics")
                .then()
                .statusCode(200);
        given().auth()
                .preemptive()
                .basic(exporter.username(), exporter.password())
                .get("/exporter/no-such-thing")
                .then()
                .statusCode(404)
                .body("status", equalTo("NOT_FOUND"));
    }
}
