package org.bdisuite.runtime.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.bdisuite.model.Roles;
import org.bdisuite.test.EmbeddedPostgresResource;
import org.bdisuite.test.TestUsers;
import org.bdisuite.test.TestUsers.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The console's sign-in: form login over the users table, the session cookie that authenticates console pages and
 * nothing else, no basic prompt on console paths, CSRF tokens on forms, role-aware buttons, sign-out.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class ConsoleSignInTest {

    private static final String SESSION = "bdi-console-session";

    @Inject
    DataSource dataSource;

    private TestUser admin;
    private TestUser monitor;

    @BeforeEach
    void users() {
        admin = TestUsers.create(dataSource, "console-admin", Roles.ADMIN);
        monitor = TestUsers.create(dataSource, "console-monitor", Roles.MONITOR);
    }

    @Test
    void aConsolePageWithoutSessionRedirectsToTheLoginPageWithoutABasicChallenge() {
        given().redirects()
                .follow(false)
                .get("/console/probe")
                .then()
                .statusCode(302)
                .header("Location", endsWith("/console/login"))
                .header("WWW-Authenticate", nullValue());
        given().get("/console/login").then().statusCode(200).body(containsString("name=\"j_password\""));
    }

    @Test
    void aWrongPasswordGoesBackToTheLoginPageWithAnErrorAndNoSession() {
        Response response = login(admin.username(), "not-the-password");
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.header("Location")).endsWith("/console/login?error=true");
        assertThat(response.header("WWW-Authenticate")).isNull();
        assertThat(response.cookies()).doesNotContainKey(SESSION);
    }

    @Test
    void theSessionOpensConsolePagesButNotTheApi() {
        String session = session(admin);
        given().cookie(SESSION, session)
                .get("/console/probe")
                .then()
                .statusCode(200)
                .body(containsString("<nav aria-label=\"Console\">"))
                .body(containsString("id=\"act\""))
                .body(containsString("console-admin"));
        // The API keeps basic auth: the cookie alone is no credential there.
        given().cookie(SESSION, session).get("/probe/me").then().statusCode(401);
    }

    @Test
    void aMonitorSeesNoActionButtonAndIsRefusedTheAction() {
        String session = session(monitor);
        Response page = given().cookie(SESSION, session).get("/console/probe");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.asString()).doesNotContain("id=\"act\"");
        String token = token(page.asString());
        given().cookie(SESSION, session)
                .cookie("csrf-token", token)
                .formParams(Map.of("csrf-token", token, "word", "x"))
                .post("/console/probe")
                .then()
                .statusCode(403);
    }

    @Test
    void aFormPostNeedsTheCsrfTokenOfItsCookie() {
        String session = session(admin);
        Response page = given().cookie(SESSION, session).get("/console/probe");
        String token = token(page.asString());
        assertThat(page.cookie("csrf-token")).isEqualTo(token);
        assertThat(page.getDetailedCookie("csrf-token").isHttpOnly()).isTrue();
        // Forged: the browser sends the session and the token cookie along, but the form lacks the token.
        assertCsrfRefused(given().cookie(SESSION, session)
                .cookie("csrf-token", token)
                .formParams(Map.of("word", "forged"))
                .post("/console/probe"));
        // A token that is not the cookie's, and a token without its cookie.
        assertCsrfRefused(given().cookie(SESSION, session)
                .cookie("csrf-token", token)
                .formParams(Map.of("csrf-token", token.substring(1) + "A", "word", "forged"))
                .post("/console/probe"));
        assertCsrfRefused(given().cookie(SESSION, session)
                .formParams(Map.of("csrf-token", token, "word", "forged"))
                .post("/console/probe"));
        // A body-less POST (as htmx sends without the header) and a JSON one are refused too: every console POST.
        assertCsrfRefused(
                given().cookie(SESSION, session).cookie("csrf-token", token).post("/console/probe"));
        given().cookie(SESSION, session)
                .cookie("csrf-token", token)
                .formParams(Map.of("csrf-token", token, "word", "meant"))
                .post("/console/probe")
                .then()
                .statusCode(200)
                .body(containsString("done meant"));
        // htmx sends the token as a header.
        given().cookie(SESSION, session)
                .cookie("csrf-token", token)
                .header("X-CSRF-TOKEN", token)
                .formParams(Map.of("word", "header"))
                .post("/console/probe")
                .then()
                .statusCode(200)
                .body(containsString("done header"));
    }

    @Test
    void theApiIsNotSubjectToTheConsolesCsrfToken() {
        // Basic-auth clients post without a body, with an empty form body or a form body, and never hold a token.
        given().auth()
                .preemptive()
                .basic(admin.username(), admin.password())
                .contentType("application/x-www-form-urlencoded")
                .post("/probe/changes")
                .then()
                .statusCode(200);
        given().auth()
                .preemptive()
                .basic(admin.username(), admin.password())
                .formParams(Map.of("word", "api"))
                .post("/probe/changes")
                .then()
                .statusCode(200);
        given().auth()
                .preemptive()
                .basic(admin.username(), admin.password())
                .contentType("application/json")
                .body("{\"name\":\"n\",\"count\":1}")
                .post("/probe/orders")
                .then()
                .statusCode(200);
        // API responses set no token cookie.
        Response read = given().auth()
                .preemptive()
                .basic(admin.username(), admin.password())
                .get("/probe/me");
        assertThat(read.cookies()).doesNotContainKey("csrf-token");
    }

    @Test
    void aConsoleFormBodyThatDoesNotParseIsA4xxNotA500() {
        // The CSRF filter reads the form body of console pages; a percent-encoding that does not decode is the
        // client's error, and so is a multipart body sent to a form that takes none.
        String session = session(admin);
        String token =
                token(given().cookie(SESSION, session).get("/console/probe").asString());
        given().cookie(SESSION, session)
                .cookie("csrf-token", token)
                .contentType("application/x-www-form-urlencoded")
                .body("word=%E9%ZZ&%C3=x")
                .post("/console/probe")
                .then()
                .statusCode(400)
                .body("code", org.hamcrest.Matchers.equalTo("malformed-body"));
        given().cookie(SESSION, session)
                .cookie("csrf-token", token)
                .contentType("multipart/form-data; boundary=x")
                .body("no part and no closing boundary".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/console/probe")
                .then()
                .statusCode(415);
    }

    @Test
    void theConsoleFilterNeverParsesAnApiBody() {
        // A form-typed or multipart body sent to an API operation is the operation's business: the console's
        // filter does not read it (it used to, for every request, and a body that did not parse failed the call).
        given().auth()
                .preemptive()
                .basic(admin.username(), admin.password())
                .contentType("application/x-www-form-urlencoded")
                .body("word=%E9%ZZ&%C3=x")
                .post("/probe/changes")
                .then()
                .statusCode(200);
        given().auth()
                .preemptive()
                .basic(admin.username(), admin.password())
                .contentType("multipart/form-data; boundary=x")
                .body("no part and no closing boundary".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/probe/changes")
                .then()
                .statusCode(200);
    }

    @Test
    void aStateChangingRequestToAConsolePathThatIsNotMarkedAsAPageNeedsTheHeaderToken() {
        // Deny by default: a console resource without @ConsolePage never has its form read for a token.
        String session = session(admin);
        String token =
                token(given().cookie(SESSION, session).get("/console/probe").asString());
        assertCsrfRefused(given().cookie(SESSION, session)
                .cookie("csrf-token", token)
                .formParams(Map.of("csrf-token", token, "word", "unmarked"))
                .post("/console/unmarked"));
        given().cookie(SESSION, session)
                .cookie("csrf-token", token)
                .header("X-CSRF-TOKEN", token)
                .formParams(Map.of("word", "unmarked"))
                .post("/console/unmarked")
                .then()
                .statusCode(200)
                .body(containsString("done unmarked"));
    }

    private static void assertCsrfRefused(Response response) {
        response.then()
                .statusCode(403)
                .body("code", org.hamcrest.Matchers.equalTo("csrf-token-missing"))
                .body("message", containsString("CSRF token"));
    }

    @Test
    void signingOutRemovesTheSessionCookie() {
        String session = session(admin);
        Response page = given().cookie(SESSION, session).get("/console/probe");
        String token = token(page.asString());
        Response out = given().redirects()
                .follow(false)
                .cookie(SESSION, session)
                .cookie("csrf-token", token)
                .formParams(Map.of("csrf-token", token))
                .post("/console/logout");
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(out.header("Location")).endsWith("/console/login?signedOut=true");
        assertThat(out.getDetailedCookie(SESSION).getMaxAge()).isZero();
    }

    @Test
    void aDisabledUserLosesTheSessionAtOnce() throws java.sql.SQLException {
        TestUser leaving = TestUsers.create(dataSource, "console-leaving", Roles.ADMIN);
        String session = session(leaving);
        org.bdisuite.test.Sql.execute(
                dataSource, "UPDATE suite_user SET enabled = false WHERE username = '" + leaving.username() + "'");
        given().redirects()
                .follow(false)
                .cookie(SESSION, session)
                .get("/console/probe")
                .then()
                .statusCode(not(200));
    }

    private static Response login(String username, String password) {
        return given().redirects()
                .follow(false)
                .formParams(Map.of("j_username", username, "j_password", password))
                .post("/console/j_security_check");
    }

    private static String session(TestUser user) {
        Response response = login(user.username(), user.password());
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.header("Location")).endsWith("/console");
        String session = response.cookie(SESSION);
        assertThat(session).isNotBlank();
        return session;
    }

    private static String token(String html) {
        Matcher matcher =
                Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"").matcher(html);
        assertThat(matcher.find()).as("a CSRF token field in the page").isTrue();
        return matcher.group(1);
    }
}
