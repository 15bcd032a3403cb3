package org.bdisuite.runtime;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import org.bdisuite.model.Roles;
import org.bdisuite.test.EmbeddedPostgresResource;
import org.bdisuite.test.TestUsers;
import org.bdisuite.test.TestUsers.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * CSRF: a browser that holds basic-auth credentials must not be steered by another site into changing state. Each
 * case is a request as a browser would send it (Origin, Sec-Fetch-Site) with valid admin credentials; a refused one
 * is a 403 with the error body and leaves the probe's state as it was.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class CrossSiteRequestTest {

    /** Configured in the test application.properties as suite.security.allowed-origins. */
    private static final String CONSOLE = "https://console.example.test";

    @Inject
    DataSource dataSource;

    private TestUser admin;

    @BeforeEach
    void user() {
        admin = TestUsers.create(dataSource, "csrf-admin", Roles.ADMIN);
    }

    private RequestSpecification asAdmin() {
        return given().auth().preemptive().basic(admin.username(), admin.password());
    }

    private static String ownOrigin() {
        return RestAssured.baseURI + ":" + RestAssured.port;
    }

    private int changes() {
        return asAdmin().get("/probe/changes").then().statusCode(200).extract().as(Integer.class);
    }

    private void assertRefusedAndNothingChanged(RequestSpecification request, String method, String why) {
        int before = changes();
        Response response = request.request(method, "/probe/changes");
        response.then()
                .statusCode(403)
                .contentType(ContentType.JSON)
                .body("statusCode", equalTo(403))
                .body("status", equalTo("FORBIDDEN"))
                .body("code", equalTo("cross-site-request"))
                .body("message", containsString(why))
                .body("message", containsString("suite.security.allowed-origins"));
        assertThat(changes()).as(method + " refused").isEqualTo(before);
    }

    private void assertAccepted(RequestSpecification request, String method) {
        int before = changes();
        request.request(method, "/probe/changes").then().statusCode(200);
        assertThat(changes()).as(method + " accepted").isEqualTo(before + 1);
    }

    @Test
    void aRequestTheBrowserMarksCrossSiteIsRefused() {
        for (String method : new String[] {"POST", "PUT", "DELETE"}) {
            assertRefusedAndNothingChanged(
                    asAdmin().header("Sec-Fetch-Site", "cross-site"), method, "Sec-Fetch-Site: cross-site");
        }
    }

    @Test
    void sameSiteIsAnotherOriginAndRefusedToo() {
        assertRefusedAndNothingChanged(
                asAdmin().header("Sec-Fetch-Site", "same-site"), "POST", "Sec-Fetch-Site: same-site");
    }

    @Test
    void aForeignOriginIsRefused() {
        assertRefusedAndNothingChanged(
                asAdmin().header("Origin", "https://attacker.example"),
                "POST",
                "another origin (https://attacker.example:443)");
        // Another port of the same host is another origin.
        assertRefusedAndNothingChanged(asAdmin().header("Origin", "http://localhost:1"), "DELETE", "another origin");
        // Origin wins over a Sec-Fetch-Site that claims otherwise.
        assertRefusedAndNothingChanged(
                asAdmin().header("Origin", "https://attacker.example").header("Sec-Fetch-Site", "same-origin"),
                "PUT",
                "another origin");
    }

    @Test
    void anOpaqueOrMalformedOriginIsRefused() {
        assertRefusedAndNothingChanged(asAdmin().header("Origin", "null"), "POST", "opaque or malformed origin");
        assertRefusedAndNothingChanged(
                asAdmin().header("Origin", "not an origin"), "POST", "opaque or malformed origin");
        assertRefusedAndNothingChanged(
                asAdmin().header("Origin", "ftp://localhost"), "POST", "opaque or malformed origin");
    }

    @Test
    void theServicesOwnOriginIsAccepted() {
        assertAccepted(asAdmin().header("Origin", ownOrigin()).header("Sec-Fetch-Site", "same-origin"), "POST");
        assertAccepted(asAdmin().header("Origin", ownOrigin().toUpperCase(java.util.Locale.ROOT)), "DELETE");
        // Typed into the address bar or a bookmark: no site sent it.
        assertAccepted(asAdmin().header("Sec-Fetch-Site", "none"), "PUT");
    }

    @Test
    void aConfiguredOriginIsAccepted() {
        assertAccepted(asAdmin().header("Origin", CONSOLE).header("Sec-Fetch-Site", "cross-site"), "POST");
        assertAccepted(asAdmin().header("Origin", CONSOLE + ":443"), "PUT");
    }

    @Test
    void clientsThatAreNotBrowsersAreUnaffected() {
        assertAccepted(asAdmin(), "POST");
        assertAccepted(asAdmin(), "DELETE");
    }

    @Test
    void readsAreUnaffected() {
        asAdmin()
                .header("Origin", "https://attacker.example")
                .header("Sec-Fetch-Site", "cross-site")
                .get("/probe/changes")
                .then()
                .statusCode(200);
        asAdmin()
                .header("Origin", "null")
                .get("/probe/me")
                .then()
                .statusCode(200)
                .body("name", equalTo("csrf-admin"));
    }

    @Test
    void theRefusalComesBeforeAuthenticationAndCoversEveryRoute() {
        // No credentials at all: refused as cross-site, not challenged (a browser would then show a login dialog).
        assertRefusedAndNothingChanged(given().header("Sec-Fetch-Site", "cross-site"), "POST", "cross-site");
        // Routes outside the REST resources (here /q/metrics, which would otherwise answer 405) are covered too.
        asAdmin()
                .header("Origin", "https://attacker.example")
                .post("/q/metrics")
                .then()
                .statusCode(403)
                .body("code", equalTo("cross-site-request"));
    }
}
