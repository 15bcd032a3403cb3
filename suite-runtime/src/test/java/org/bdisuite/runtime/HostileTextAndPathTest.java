package org.bdisuite.runtime;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import org.bdisuite.model.Roles;
import org.bdisuite.test.EmbeddedPostgresResource;
import org.bdisuite.test.TestUsers;
import org.bdisuite.test.TestUsers.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Inputs the contract fuzz (suite-it ContractFuzzIT) found answered 500: they are the client's, so 4xx. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class HostileTextAndPathTest {

    @Inject
    DataSource dataSource;

    private TestUser user;

    @BeforeEach
    void user() {
        user = TestUsers.create(dataSource, "hostile-text-user", Roles.MONITOR);
    }

    @Test
    void aNulCharacterThatReachesPostgresqlIs400NotAServerError() {
        given().auth()
                .preemptive()
                .basic(user.username(), user.password())
                .urlEncodingEnabled(false)
                .get("/probe-text/a%00b")
                .then()
                .statusCode(400)
                .contentType(ContentType.JSON)
                .body("statusCode", equalTo(400))
                .body("code", equalTo("unstorable-character"))
                .body("message", not(containsString("UTF8")))
                .body("message", not(containsString("SQL")));
        given().auth()
                .preemptive()
                .basic(user.username(), user.password())
                .get("/probe-text/plain")
                .then()
                .statusCode(200)
                .body(equalTo("plain"));
    }

    @Test
    void anEncodedPercentSignInAnUnmatchedPathIs404NotAServerError() {
        given().auth()
                .preemptive()
                .basic(user.username(), user.password())
                .urlEncodingEnabled(false)
                .get("/probe-text/a/%25")
                .then()
                .statusCode(404)
                .contentType(ContentType.JSON)
                .body("statusCode", equalTo(404))
                .body("message", containsString("GET /probe-text/a/"));
    }
}
