package org.bdisuite.runtime;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.bdisuite.model.Roles;
import org.bdisuite.test.EmbeddedPostgresResource;
import org.bdisuite.test.Sql;
import org.bdisuite.test.TestUsers;
import org.bdisuite.test.TestUsers.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Basic auth against the users table, roles, and the error body for every kind of failure. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class SecurityAndErrorsTest {

    @Inject
    DataSource dataSource;

    private TestUser admin;
    private TestUser operator;
    private TestUser monitor;

    @BeforeEach
    void users() {
        admin = TestUsers.create(dataSource, "probe-admin", Roles.ADMIN);
        operator = TestUsers.create(dataSource, "probe-operator", Roles.OPERATOR);
        monitor = TestUsers.create(dataSource, "probe-monitor", Roles.MONITOR);
    }

    private static RequestSpecification as(TestUser user) {
        return given().auth().preemptive().basic(user.username(), user.password());
    }

    private static void assertErrorBody(Response response, int status, String statusName) {
        response.then()
                .statusCode(status)
                .contentType(ContentType.JSON)
                .body("statusCode", equalTo(status))
                .body("status", equalTo(statusName))
                .body("message", not(containsString("Exception")))
                .body("message", not(containsString("java.")));
        assertThat(response.asString()).doesNotContain("stackTrace").doesNotContain("\tat ");
    }

    @Test
    void healthAnswersWithoutCredentials() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Database connections health check"));
    }

    @Test
    void withoutCredentialsEveryOtherPathIs401WithAChallengeAndTheErrorBody() {
        for (String path : new String[] {"/probe/me", "/q/openapi", "/q/metrics", "/q/swagger-ui/", "/no/such/path"}) {
            Response response = given().get(path);
            assertErrorBody(response, 401, "UNAUTHORIZED");
            assertThat(response.header("WWW-Authenticate")).as(path).startsWith("Basic realm=\"bdi-suite\"");
        }
    }

    @Test
    void wrongPasswordUnknownUserAndDisabledUserAre401() throws SQLException {
        assertErrorBody(
                given().auth()
                        .preemptive()
                        .basic(admin.username(), "not-the-password")
                        .get("/probe/me"),
                401,
                "UNAUTHORIZED");
        assertErrorBody(
                given().auth().preemptive().basic("nobody", "whatever-password").get("/probe/me"), 401, "UNAUTHORIZED");

        TestUser disabled = TestUsers.create(dataSource, "probe-disabled", Roles.ADMIN);
        as(disabled).get("/probe/me").then().statusCode(200);
        execute("UPDATE suite_user SET enabled = FALSE WHERE username = 'probe-disabled'");
        // Takes effect at once although the password check itself is cached.
        assertErrorBody(as(disabled).get("/probe/me"), 401, "UNAUTHORIZED");
    }

    @Test
    void aChangedPasswordHashTakesEffectAtOnce() throws SQLException {
        TestUser user = TestUsers.create(dataSource, "probe-rotated", Roles.MONITOR);
        as(user).get("/probe/me").then().statusCode(200);
        TestUser replacement = TestUsers.create(dataSource, "probe-replacement", Roles.MONITOR);
        execute("UPDATE suite_user SET password_hash = (SELECT password_hash FROM suite_user WHERE username = "
                + "'probe-replacement') WHERE username = 'probe-rotated'");

        assertErrorBody(as(user).get("/probe/me"), 401, "UNAUTHORIZED");
        given().auth()
                .preemptive()
                .basic(user.username(), replacement.password())
                .get("/probe/me")
                .then()
                .statusCode(200)
                .body("name", equalTo("probe-rotated"));
    }

    @Test
    void rolesDecide403Or200() {
        assertErrorBody(as(monitor).get("/probe/admin-only"), 403, "FORBIDDEN");
        assertErrorBody(as(operator).get("/probe/admin-only"), 403, "FORBIDDEN");
        as(admin)
                .get("/probe/admin-only")
                .then()
                .statusCode(200)
                .body("name", equalTo("probe-admin"))
                .body("roles", equalTo(java.util.List.of(Roles.ADMIN)));
        assertErrorBody(
                as(monitor)
                        .contentType(ContentType.JSON)
                        .body("{\"name\":\"a\",\"count\":1}")
                        .post("/probe/orders"),
                403,
                "FORBIDDEN");
        as(operator)
                .contentType(ContentType.JSON)
                .body("{\"name\":\"a\",\"count\":1}")
                .post("/probe/orders")
                .then()
                .statusCode(200)
                .body("name", equalTo("a"));
    }

    /** quarkus.security.jaxrs.deny-unannotated-endpoints, set for every service in the shared configuration. */
    @Test
    void anEndpointWithoutRolesIsDeniedToEveryone() {
        assertErrorBody(as(admin).get("/probe-unannotated"), 403, "FORBIDDEN");
        assertErrorBody(as(monitor).get("/probe-unannotated"), 403, "FORBIDDEN");
        assertErrorBody(given().get("/probe-unannotated"), 401, "UNAUTHORIZED");
    }

    @Test
    void bootstrapAdminWasCreatedFromConfiguration() throws SQLException {
        given().auth()
                .preemptive()
                .basic("root-admin", "bootstrap-password-1")
                .get("/probe/me")
                .then()
                .statusCode(200)
                .body("roles", equalTo(java.util.List.of(Roles.ADMIN)));
        assertThat(queryLong("SELECT count(*) FROM suite_user WHERE username = 'root-admin'"))
                .isEqualTo(1);
    }

    @Test
    void unknownPathsAre404WithTheErrorBody() {
        Response unknown = as(monitor).get("/no/such/path");
        assertErrorBody(unknown, 404, "NOT_FOUND");
        unknown.then().body("message", containsString("/no/such/path"));
        assertErrorBody(as(monitor).get("/q/no-such-endpoint"), 404, "NOT_FOUND");
    }

    @Test
    void wrongMethodIs405AndNamesTheMethodAndPath() {
        Response response = as(admin).delete("/probe/me");
        assertErrorBody(response, 405, "METHOD_NOT_ALLOWED");
        response.then().body("message", containsString("DELETE")).body("message", containsString("/probe/me"));
    }

    @Test
    void wrongMediaTypeIs415() {
        assertErrorBody(
                as(admin).contentType(ContentType.TEXT).body("name=a").post("/probe/orders"),
                415,
                "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void beanValidationIs400WithEveryViolation() {
        Response response = as(admin)
                .contentType(ContentType.JSON)
                .body("{\"name\":\" \",\"count\":0}")
                .post("/probe/orders");
        assertErrorBody(response, 400, "BAD_REQUEST");
        response.then()
                .body("code", equalTo("validation-failed"))
                .body("errors", hasSize(2))
                .body("errors.field", hasItems("order.name", "order.count"));
    }

    @Test
    void malformedJsonIs400WithoutParserInternals() {
        Response response = as(admin)
                .contentType(ContentType.JSON)
                .body("{\"name\": \"a\", \"count\": ")
                .post("/probe/orders");
        assertErrorBody(response, 400, "BAD_REQUEST");
        response.then().body("message", containsString("not valid JSON"));

        Response wrongType = as(admin)
                .contentType(ContentType.JSON)
                .body("{\"name\":\"a\",\"count\":\"many\"}")
                .post("/probe/orders");
        assertErrorBody(wrongType, 400, "BAD_REQUEST");
        wrongType.then().body("message", containsString("'count'"));
    }

    @Test
    void typedExceptionsKeepTheirStatusAndCode() {
        Response response = as(monitor).get("/probe/conflict");
        assertErrorBody(response, 409, "CONFLICT");
        response.then()
                .body("code", equalTo("execution-running"))
                .body("message", containsString("only STOPPED or FAILED"));
    }

    @Test
    void bugsAre500WithAReferenceAndNoInternals() {
        Response response = as(monitor).get("/probe/bug");
        assertErrorBody(response, 500, "INTERNAL_SERVER_ERROR");
        response.then()
                .body("message", not(containsString("secret internals")))
                .body("message", containsString("reference"));
    }

    /**
     * A streamed response that fails after its head and first bytes were sent cannot report the failure any more:
     * the connection is closed at once, so the client's read fails (CutOffStreamingOutputWriter). A clean end after the bytes
     * sent would make the cut-off stream read as complete (as NDJSON, exactly so). The client waits before it reads,
     * so that the failure happens while the bytes are still queued on the server, where Quarkus alone would often
     * send the end first.
     */
    @Test
    void aStreamThatFailsAfterItsHeadWasSentIsCutOffWithNothingAppended() throws Exception {
        java.net.HttpURLConnection connection =
                (java.net.HttpURLConnection) new java.net.URL(io.restassured.RestAssured.baseURI + ":"
                                + io.restassured.RestAssured.port + "/probe/broken-stream")
                        .openConnection();
        connection.setRequestProperty(
                "Authorization",
                "Basic "
                        + java.util.Base64.getEncoder()
                                .encodeToString((monitor.username() + ":" + monitor.password())
                                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(connection.getResponseCode()).isEqualTo(200);
        Thread.sleep(500);
        java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream();
        try (java.io.InputStream body = connection.getInputStream()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> body.transferTo(received))
                    .isInstanceOf(java.io.IOException.class);
        }
        String text = received.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(text).startsWith("{\"n\":1}\n").doesNotContain("statusCode").doesNotContain("reference");
    }

    @Test
    void errorsAreXmlExceptionVoWhenTheClientAsksForXml() {
        String xml = as(monitor)
                .accept("application/xml")
                .get("/probe/conflict")
                .then()
                .statusCode(409)
                .contentType(ContentType.XML)
                .extract()
                .asString();
        assertThat(xml)
                .startsWith("<exceptionVo>")
                .contains("<statusCode>409</statusCode>", "<status>CONFLICT</status>");
        String notAcceptable = as(monitor)
                .accept("application/xml")
                .get("/probe/me")
                .then()
                .statusCode(406)
                .contentType(ContentType.XML)
                .extract()
                .asString();
        assertThat(notAcceptable).startsWith("<exceptionVo>").contains("<status>NOT_ACCEPTABLE</status>");
        String unauthenticated = given().accept("application/xml")
                .get("/probe/me")
                .then()
                .statusCode(401)
                .extract()
                .asString();
        assertThat(unauthenticated).startsWith("<exceptionVo>").contains("<status>UNAUTHORIZED</status>");
    }

    @Test
    void openApiMetricsAndSwaggerAnswerAuthenticatedCallers() {
        as(monitor)
                .get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .body("components.securitySchemes.basicAuth.scheme", equalTo("basic"));
        String metrics =
                as(monitor).get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("jvm_memory_used_bytes");
        as(monitor).get("/q/swagger-ui/").then().statusCode(200).contentType(containsString("html"));
    }

    @Test
    void failedRequestsChangeNothing() throws SQLException {
        long before = queryLong("SELECT count(*) + coalesce(sum(version), 0) FROM suite_user");
        as(monitor)
                .contentType(ContentType.JSON)
                .body("{\"name\":\"a\",\"count\":1}")
                .post("/probe/orders");
        as(admin).contentType(ContentType.JSON).body("{bad json").post("/probe/orders");
        given().auth().preemptive().basic(admin.username(), "wrong").get("/probe/me");
        assertThat(queryLong("SELECT count(*) + coalesce(sum(version), 0) FROM suite_user"))
                .isEqualTo(before);
    }

    private void execute(String sql) throws SQLException {
        Sql.execute(dataSource, sql);
    }

    private long queryLong(String sql) throws SQLException {
        return Sql.singleLong(dataSource, sql);
    }
}
