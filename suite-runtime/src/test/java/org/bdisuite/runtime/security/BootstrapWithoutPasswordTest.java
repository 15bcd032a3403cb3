package org.bdisuite.runtime.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import javax.sql.DataSource;
import org.bdisuite.test.EmbeddedPostgresResource;
import org.bdisuite.test.Sql;
import org.junit.jupiter.api.Test;

/** No bootstrap password configured: the service starts, creates no user (there is no default password). */
@QuarkusTest
@TestProfile(BootstrapWithoutPasswordTest.NoBootstrapPassword.class)
@WithTestResource(EmbeddedPostgresResource.class)
class BootstrapWithoutPasswordTest {

    public static class NoBootstrapPassword implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("suite.bootstrap.admin-password", "");
        }
    }

    @Inject
    DataSource dataSource;

    @Test
    void noUserIsCreatedAndTheApiRefusesEveryone() throws Exception {
        assertThat(Sql.singleLong(dataSource, "SELECT count(*) FROM suite_user"))
                .isZero();
        given().auth()
                .preemptive()
                .basic("root-admin", "bootstrap-password-1")
                .get("/q/openapi")
                .then()
                .statusCode(401);
        given().auth().preemptive().basic("admin", "").get("/q/openapi").then().statusCode(401);
        given().get("/q/health/ready").then().statusCode(200);
    }
}
