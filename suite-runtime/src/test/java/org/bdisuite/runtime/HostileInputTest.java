package org.bdisuite.runtime;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.List;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.bdisuite.model.Roles;
import org.bdisuite.test.EmbeddedPostgresResource;
import org.bdisuite.test.TestUsers;
import org.bdisuite.test.TestUsers.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile input to typed parameters and bodies gets a 400 with the error body in the client's terms: it names
 * what was wrong, and never carries a Java class name, a parser's or driver's message or a stack trace.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class HostileInputTest {

    /** What no error body may contain: Java packages and class names, parser and driver internals. */
    private static final List<Pattern> INTERNALS = List.of(
            Pattern.compile("java\\."),
            Pattern.compile("javax\\."),
            Pattern.compile("jakarta\\."),
            Pattern.compile("org\\.[a-z]"),
            Pattern.compile("com\\.fasterxml"),
            Pattern.compile("io\\.(quarkus|vertx|smallrye)"),
            Pattern.compile("Exception"),
            Pattern.compile("PSQL"),
            Pattern.compile("SQLState"),
            Pattern.compile("\\$[A-Z]"),
            Pattern.compile("\\bat [a-z]+\\.[a-z]"),
            Pattern.compile("\\[Source:"),
            Pattern.compile("ProbeResource"),
            Pattern.compile("Shipment"),
            Pattern.compile("Colour\\b"));

    @Inject
    DataSource dataSource;

    private TestUser user;

    @BeforeEach
    void user() {
        user = TestUsers.create(dataSource, "hostile-monitor", Roles.MONITOR);
    }

    private RequestSpecification asUser() {
        return given().auth().preemptive().basic(user.username(), user.password());
    }

    private static String assertCleanBadRequest(Response response, String... mentions) {
        return assertClean(response, 400, "BAD_REQUEST", mentions);
    }

    private static String assertClean(Response response, int status, String statusName, String... mentions) {
        String body = response.then()
                .statusCode(status)
                .contentType(ContentType.JSON)
                .extract()
                .asString();
        for (Pattern internal : INTERNALS) {
            assertThat(internal.matcher(body).find())
                    .as("%s in %s", internal, body)
                    .isFalse();
        }
        assertThat(body).contains("\"statusCode\":" + status, "\"status\":\"" + statusName + "\"");
        if (mentions.length > 0) {
            assertThat(body).contains(mentions);
        }
        return body;
    }

    private Response query(String path, String name, String value) {
        return asUser().queryParam(name, value).get(path);
    }

    private Response post(String json) {
        return asUser().contentType(ContentType.JSON).body(json).post("/probe/shipments");
    }

    @Test
    void badQueryParametersAre400NamingTheParameterAndWhatItMustBe() {
        assertCleanBadRequest(query("/probe/typed/1", "colour", "PURPLE"), "colour: must be one of RED, GREEN");
        assertCleanBadRequest(query("/probe/typed/1", "colour", "red"), "colour: must be one of RED, GREEN");
        assertCleanBadRequest(query("/probe/typed/1", "count", "many"), "count: must be a whole number from");
        assertCleanBadRequest(
                query("/probe/typed/1", "count", "99999999999999999999"), "count: must be a whole number from");
        assertCleanBadRequest(query("/probe/typed/1", "due", "2026-13-45"), "due: must be a date (YYYY-MM-DD)");
        assertCleanBadRequest(query("/probe/typed/1", "due", "'; DROP TABLE suite_user; --"), "due");
        assertCleanBadRequest(query("/probe/typed/1", "due", "../../etc/passwd"), "due");
        asUser().queryParam("colour", "RED")
                .queryParam("count", "3")
                .queryParam("due", "2026-01-31")
                .get("/probe/typed/7")
                .then()
                .statusCode(200);
    }

    @Test
    void aBadPathParameterIs404SayingWhatTheSegmentMustBe() {
        assertClean(asUser().get("/probe/typed/not-a-number"), 404, "NOT_FOUND", "id must be a whole number from");
        assertClean(asUser().get("/probe/typed/1e999"), 404, "NOT_FOUND", "id must be a whole number from");
    }

    @Test
    void malformedJsonBodies() {
        assertCleanBadRequest(post("{\"colour\": \"RED\", \"count\": "), "not valid JSON");
        assertCleanBadRequest(post("{colour: RED}"), "not valid JSON");
        assertCleanBadRequest(post("\u0000\u0001garbage"));
        assertCleanBadRequest(post("{\"colour\":\"RED\",\"count\":1}}"), "not valid JSON");
        assertCleanBadRequest(
                post("{\"colour\":\"RED\",\"count\":1} {\"colour\":\"RED\",\"count\":2}"), "nothing after it");
        assertCleanBadRequest(post("{\"colour\":\"RED\",\"count\":1,\"tags\":[\"\\q\"]}"), "'tags[0]'");
    }

    @Test
    void wrongJsonTypesNameTheProperty() {
        assertCleanBadRequest(post("{\"colour\":\"PURPLE\",\"count\":1}"), "'colour'", "RED", "GREEN");
        assertCleanBadRequest(post("{\"colour\":\"RED\",\"count\":\"many\"}"), "'count'");
        assertCleanBadRequest(post("{\"colour\":\"RED\",\"count\":{}}"), "'count'");
        assertCleanBadRequest(post("{\"colour\":\"RED\",\"count\":1,\"due\":\"yesterday\"}"), "'due'");
        assertCleanBadRequest(post("{\"colour\":\"RED\",\"count\":1,\"sent\":\"2026-02-30T25:00:00Z\"}"), "'sent'");
        assertCleanBadRequest(post("{\"colour\":\"RED\",\"count\":1,\"tags\":\"one\"}"), "'tags'");
        assertCleanBadRequest(post("{\"colour\":\"RED\",\"count\":1,\"tags\":[{}]}"), "'tags[0]'");
        assertCleanBadRequest(post("[1, 2, 3]"), "JSON object");
        assertCleanBadRequest(post("\"just a string\""), "JSON object");
    }

    @Test
    void hugeNumbersAreOutOfRangeNotMalformed() {
        assertCleanBadRequest(
                post("{\"colour\":\"RED\",\"count\":99999999999999999999}"), "'count'", "whole number from");
        assertCleanBadRequest(post("{\"colour\":\"RED\",\"count\":1,\"weight\":1" + "0".repeat(400) + "}"), "'weight'");
        assertCleanBadRequest(post("{\"colour\":\"RED\",\"count\":1e400}"), "'count'");
    }

    @Test
    void constraintViolationsAndUnknownPropertiesUseTheClientsNames() {
        String body = assertCleanBadRequest(post("{\"colour\":null,\"count\":0}"), "colour", "count");
        assertThat(body).doesNotContain("shipment.shipment");
    }

    @Test
    void valuesTheDatabaseRefusesAre4xxWithoutTheDriversMessage() throws java.sql.SQLException {
        TestUser admin = TestUsers.create(dataSource, "hostile-admin", Roles.ADMIN);
        RequestSpecification asAdmin = given().auth().preemptive().basic(admin.username(), admin.password());
        long before = org.bdisuite.test.Sql.singleLong(dataSource, "SELECT count(*) FROM suite_user_role");

        String tooLong = assertClean(
                asAdmin.post("/probe/grants/hostile-admin/" + "r".repeat(65)),
                400,
                "BAD_REQUEST",
                "longer than allowed");
        String unknownRole = assertClean(
                asAdmin.post("/probe/grants/hostile-monitor/no-such-role"),
                409,
                "CONFLICT",
                "refers to a record that does not exist");
        String duplicate = assertClean(
                asAdmin.post("/probe/grants/hostile-monitor/" + Roles.MONITOR),
                409,
                "CONFLICT",
                "conflicts with an existing record");
        for (String body : List.of(tooLong, unknownRole, duplicate)) {
            assertThat(body)
                    .doesNotContain("suite_user_role")
                    .doesNotContain("violates")
                    .doesNotContain("ERROR:")
                    .doesNotContain("Detail")
                    .doesNotContain("no-such-role");
        }
        assertThat(org.bdisuite.test.Sql.singleLong(dataSource, "SELECT count(*) FROM suite_user_role"))
                .isEqualTo(before);
    }
}
