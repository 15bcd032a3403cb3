package org.bdisuite.receiver;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.bdisuite.model.Roles;
import org.bdisuite.test.EmbeddedPostgresResource;
import org.bdisuite.test.TestUsers;
import org.bdisuite.test.TestUsers.TestUser;
import org.junit.jupiter.api.Test;

/** The receiver-service starts on the shared schema, and its API is behind basic auth and roles. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class ReceiverFoundationTest {

    @Inject
    DataSource dataSource;

    @Test
    void startsHealthyOnAMigratedSchema() throws Exception {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT count(*) FROM flyway_schema_history WHERE success AND version IS NOT NULL")) {
            rows.next();
            assertThat(rows.getInt(1)).isPositive();
        }
    }

    @Test
    void pingNeedsAuthenticationAndABdiRole() {
        given().get("/receiver/ping").then().statusCode(401).body("status", equalTo("UNAUTHORIZED"));

        TestUser exporter = TestUsers.create(dataSource, "receiver-exporter", Roles.DATA_EXPORTER);
        given().auth()
                .preemptive()
                .basic(exporter.username(), exporter.password())
                .get("/receiver/ping")
                .then()
                .statusCode(403)
                .body("status", equalTo("FORBIDDEN"));

        TestUser monitor = TestUsers.create(dataSource, "receiver-monitor", Roles.MONITOR);
        String body = given().auth()
                .preemptive()
                .basic(monitor.username(), monitor.password())
                .get("/receiver/ping")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(body).isEqualTo("alive");
    }

    @Test
    void pingAnswersAliveAlsoToAClientThatAcceptsOnlyJson() {
        TestUser monitor = TestUsers.create(dataSource, "receiver-json-monitor", Roles.MONITOR);
        String json = given().auth()
                .preemptive()
                .basic(monitor.username(), monitor.password())
                .accept("application/json")
                .get("/receiver/ping")
                .then()
                .statusCode(200)
                .contentType("application/json")
                .extract()
                .asString();
        assertThat(json).isEqualTo("\"alive\"");
        String text = given().auth()
                .preemptive()
                .basic(monitor.username(), monitor.password())
                .accept("text/plain")
                .get("/receiver/ping")
                .then()
                .statusCode(200)
                .contentType("text/plain")
                .extract()
                .asString();
        assertThat(text).isEqualTo("alive");
    }

    @Test
    void openApiDescribesTheServiceAndBasicAuth() {
        given().auth()
                .preemptive()
                .basic("root-admin", "bootstrap-password-1")
                .get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .body("info.title", equalTo("BDI Receiver Service"))
                .body("paths.'/receiver/ping'.get.operationId", equalTo("ping"))
                .body("components.securitySchemes.basicAuth.scheme", equalTo("basic"));
    }
}
