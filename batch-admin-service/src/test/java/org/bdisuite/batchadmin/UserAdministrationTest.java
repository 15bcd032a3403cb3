package org.bdisuite.batchadmin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.bdisuite.model.Roles;
import org.bdisuite.test.EmbeddedPostgresResource;
import org.bdisuite.test.Sql;
import org.bdisuite.test.TestUsers;
import org.bdisuite.test.TestUsers.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** System Setting Service users: administrators manage them, nobody else, and bad requests change nothing. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class UserAdministrationTest {

    @Inject
    DataSource dataSource;

    private TestUser admin;
    private TestUser monitor;

    @BeforeEach
    void users() {
        admin = TestUsers.create(dataSource, "users-admin", Roles.ADMIN);
        monitor = TestUsers.create(dataSource, "users-monitor", Roles.MONITOR);
    }

    private static RequestSpecification as(TestUser user) {
        return given().auth().preemptive().basic(user.username(), user.password());
    }

    @Test
    void anAdministratorCreatesAUserWhoCanThenSignIn() {
        as(admin)
                .contentType(ContentType.JSON)
                .body(
                        "{\"username\":\"carol\",\"password\":\"carol-password-123\",\"roles\":[\"bdi-operator\",\"bdi-monitor\"]}")
                .post("/system-setting/users")
                .then()
                .statusCode(201)
                .header("Location", endsWith("/system-setting/users/carol"))
                .body("username", equalTo("carol"))
                .body("roles", equalTo(List.of("bdi-monitor", "bdi-operator")))
                .body("$", not(org.hamcrest.Matchers.hasKey("password")))
                .body("$", not(org.hamcrest.Matchers.hasKey("passwordHash")));

        given().auth()
                .preemptive()
                .basic("carol", "carol-password-123")
                .get("/q/openapi")
                .then()
                .statusCode(200);
        String listing = as(admin)
                .get("/system-setting/users")
                .then()
                .statusCode(200)
                .body("username", hasItem("carol"))
                .extract()
                .asString();
        assertThat(listing).doesNotContain("$2a$").doesNotContain("carol-password-123");
    }

    @Test
    void onlyAdministratorsManageUsers() throws SQLException {
        long before = userRows();
        as(monitor).get("/system-setting/users").then().statusCode(403).body("status", equalTo("FORBIDDEN"));
        as(monitor)
                .contentType(ContentType.JSON)
                .body("{\"username\":\"mallory\",\"password\":\"mallory-password-1\",\"roles\":[\"bdi-admin\"]}")
                .post("/system-setting/users")
                .then()
                .statusCode(403);
        given().get("/system-setting/users").then().statusCode(401);
        assertThat(userRows()).isEqualTo(before);
    }

    @Test
    void badUsersAreRejectedAndNothingIsStored() throws SQLException {
        long before = userRows();
        as(admin)
                .contentType(ContentType.JSON)
                .body("{\"username\":\"dave\",\"password\":\"short\",\"roles\":[\"bdi-monitor\"]}")
                .post("/system-setting/users")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("password"))
                .body("message", containsString("at least 12"));
        as(admin)
                .contentType(ContentType.JSON)
                .body("{\"username\":\"dave\",\"password\":\"dave-password-123\",\"roles\":[\"root\"]}")
                .post("/system-setting/users")
                .then()
                .statusCode(400)
                .body("message", containsString("root"))
                .body("message", containsString("bdi-monitor"));
        as(admin)
                .contentType(ContentType.JSON)
                .body("{\"username\":\"../dave\",\"password\":\"dave-password-123\",\"roles\":[\"bdi-monitor\"]}")
                .post("/system-setting/users")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("request.username"));
        as(admin)
                .contentType(ContentType.JSON)
                .body("{\"username\":\"dave\",\"password\":\"dave-password-123\",\"roles\":[]}")
                .post("/system-setting/users")
                .then()
                .statusCode(400);
        as(admin)
                .contentType(ContentType.JSON)
                .body("{\"username\":")
                .post("/system-setting/users")
                .then()
                .statusCode(400);
        as(admin)
                .contentType(ContentType.XML)
                .body("<user/>")
                .post("/system-setting/users")
                .then()
                .statusCode(415);
        assertThat(userRows()).isEqualTo(before);
    }

    @Test
    void aMissingBodyIs400AndChangesNothing() throws SQLException {
        long before = userRows();
        as(admin)
                .contentType(ContentType.JSON)
                .post("/system-setting/users")
                .then()
                .statusCode(400)
                .body("statusCode", equalTo(400));
        as(admin)
                .contentType(ContentType.JSON)
                .put("/system-setting/users/users-monitor/password")
                .then()
                .statusCode(400);
        as(admin)
                .contentType(ContentType.JSON)
                .put("/system-setting/users/users-monitor/roles")
                .then()
                .statusCode(400);
        assertThat(userRows()).isEqualTo(before);
        as(admin)
                .get("/system-setting/users/users-monitor")
                .then()
                .statusCode(200)
                .body("roles", equalTo(List.of("bdi-monitor")));
    }

    @Test
    void aDuplicateUserIsAConflict() {
        as(admin)
                .contentType(ContentType.JSON)
                .body(
                        "{\"username\":\"users-monitor\",\"password\":\"another-password-1\",\"roles\":[\"bdi-monitor\"]}")
                .post("/system-setting/users")
                .then()
                .statusCode(409)
                .body("code", equalTo("user-exists"));
    }

    @Test
    void passwordAndRoleChangesTakeEffectOnTheNextRequest() {
        TestUser erin = TestUsers.create(dataSource, "erin", Roles.MONITOR);
        as(erin).get("/q/openapi").then().statusCode(200);

        as(admin)
                .contentType(ContentType.JSON)
                .body("{\"password\":\"erin-new-password-1\"}")
                .put("/system-setting/users/erin/password")
                .then()
                .statusCode(204);
        as(erin).get("/q/openapi").then().statusCode(401);
        given().auth()
                .preemptive()
                .basic("erin", "erin-new-password-1")
                .get("/system-setting/users")
                .then()
                .statusCode(403);

        as(admin)
                .contentType(ContentType.JSON)
                .body("{\"roles\":[\"bdi-admin\"]}")
                .put("/system-setting/users/erin/roles")
                .then()
                .statusCode(200)
                .body("roles", equalTo(List.of("bdi-admin")));
        given().auth()
                .preemptive()
                .basic("erin", "erin-new-password-1")
                .get("/system-setting/users")
                .then()
                .statusCode(200);

        as(admin).delete("/system-setting/users/erin").then().statusCode(204);
        given().auth()
                .preemptive()
                .basic("erin", "erin-new-password-1")
                .get("/q/openapi")
                .then()
                .statusCode(401);
        as(admin).get("/system-setting/users/erin").then().statusCode(404).body("message", equalTo("No user erin"));
    }

    @Test
    void theLastAdministratorCannotBeRemoved() throws SQLException {
        execute("DELETE FROM suite_user WHERE username <> 'users-admin'");
        as(admin)
                .delete("/system-setting/users/users-admin")
                .then()
                .statusCode(409)
                .body("code", equalTo("last-admin"));
        as(admin)
                .contentType(ContentType.JSON)
                .body("{\"roles\":[\"bdi-monitor\"]}")
                .put("/system-setting/users/users-admin/roles")
                .then()
                .statusCode(409);
        as(admin)
                .get("/system-setting/users/users-admin")
                .then()
                .statusCode(200)
                .body("roles", equalTo(List.of("bdi-admin")));
    }

    @Test
    void usersAreAlsoAvailableAsXml() {
        String xml = as(admin)
                .accept(ContentType.XML)
                .get("/system-setting/users/users-monitor")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(xml).contains("<username>users-monitor</username>").contains("bdi-monitor");
        String error = as(admin)
                .accept(ContentType.XML)
                .get("/system-setting/users/nobody")
                .then()
                .statusCode(404)
                .extract()
                .asString();
        assertThat(error).startsWith("<exceptionVo>").contains("<statusCode>404</statusCode>");
    }

    private long userRows() throws SQLException {
        return Sql.singleLong(dataSource, "SELECT count(*) + coalesce(sum(version), 0) FROM suite_user");
    }

    private void execute(String sql) throws SQLException {
        Sql.execute(dataSource, sql);
    }
}
