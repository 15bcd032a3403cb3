package org.bdisuite.batchadmin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.bdisuite.batchadmin.BatchApi.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.bdisuite.model.Roles;
import org.bdisuite.test.EmbeddedPostgresResource;
import org.bdisuite.test.SelfSignedCertificate;
import org.bdisuite.test.Sql;
import org.bdisuite.test.TestUsers;
import org.bdisuite.test.TestUsers.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * System Setting Service, destinations: administrators alone store and read them, the password is sealed at rest
 * and never returned or logged, and a URL or certificate that could not be a receiver's is a 400 that stores nothing.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class DestinationTest {

    private static final String SECRET = "destination-secret-Pa55word";

    @Inject
    DataSource dataSource;

    @Inject
    ObjectMapper json;

    private TestUser admin;
    private TestUser operator;
    private TestUser monitor;

    @BeforeEach
    void users() {
        admin = TestUsers.create(dataSource, "destination-admin", Roles.ADMIN);
        operator = TestUsers.create(dataSource, "destination-operator", Roles.OPERATOR);
        monitor = TestUsers.create(dataSource, "destination-monitor", Roles.MONITOR);
    }

    private String body(Map<String, Object> fields) throws Exception {
        return json.writeValueAsString(fields);
    }

    @Test
    void anAdministratorStoresADestinationWhosePasswordIsSealedAndNeverReturnedOrLogged() throws Exception {
        List<String> logged = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(
                        String.valueOf(record.getMessage()) + " " + java.util.Arrays.toString(record.getParameters()));
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger.getLogger("").addHandler(capture);
        String stored;
        try {
            stored = as(admin)
                    .contentType(ContentType.JSON)
                    .body(body(Map.of(
                            "url",
                            "http://receiver-east:8081/",
                            "username",
                            "transporter",
                            "password",
                            SECRET,
                            "description",
                            "east receiver")))
                    .put("/system-setting/destinations/east")
                    .then()
                    .statusCode(200)
                    .body("name", equalTo("east"))
                    .body("url", equalTo("http://receiver-east:8081/"))
                    .body("username", equalTo("transporter"))
                    .body("passwordSet", equalTo(true))
                    .body("trustedCertificates", nullValue())
                    .body("$", not(hasKey("password")))
                    .extract()
                    .asString();
        } finally {
            Logger.getLogger("").removeHandler(capture);
        }
        assertThat(stored).doesNotContain(SECRET);
        assertThat(logged).anySatisfy(line -> assertThat(line).contains("east"));
        assertThat(logged).noneSatisfy(line -> assertThat(line).contains(SECRET));

        String sealed = Sql.single(dataSource, "SELECT sealed_password FROM bdi_destination WHERE name = 'east'");
        assertThat(sealed).startsWith("v1:").doesNotContain(SECRET);
        assertThat(as(admin)
                        .get("/system-setting/destinations")
                        .then()
                        .statusCode(200)
                        .body("destinationVo.name", hasItem("east"))
                        .extract()
                        .asString())
                .doesNotContain(SECRET)
                .doesNotContain(sealed);
        assertThat(as(admin)
                        .accept("application/xml")
                        .get("/system-setting/destinations/east")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString())
                .startsWith("<destinationVo>")
                .doesNotContain(SECRET)
                .doesNotContain(sealed);

        as(admin).delete("/system-setting/destinations/east").then().statusCode(204);
        as(admin)
                .get("/system-setting/destinations/east")
                .then()
                .statusCode(404)
                .body("code", equalTo("no-destination"));
        as(admin).delete("/system-setting/destinations/east").then().statusCode(404);
    }

    @Test
    void onlyAdministratorsSeeOrChangeDestinations() throws Exception {
        as(admin)
                .contentType(ContentType.JSON)
                .body(body(Map.of("url", "http://receiver-west:8081/", "username", "transporter", "password", SECRET)))
                .put("/system-setting/destinations/west")
                .then()
                .statusCode(200);
        for (TestUser user : List.of(operator, monitor)) {
            as(user).get("/system-setting/destinations").then().statusCode(403).body("status", equalTo("FORBIDDEN"));
            as(user).get("/system-setting/destinations/west").then().statusCode(403);
            as(user).contentType(ContentType.JSON)
                    .body(body(Map.of("url", "http://mallory.example/", "username", "mallory", "password", "x")))
                    .put("/system-setting/destinations/west")
                    .then()
                    .statusCode(403);
            as(user).contentType(ContentType.JSON)
                    .body(body(Map.of("url", "http://mallory.example/", "username", "mallory", "password", "x")))
                    .put("/system-setting/destinations/theirs")
                    .then()
                    .statusCode(403);
            as(user).delete("/system-setting/destinations/west").then().statusCode(403);
        }
        given().get("/system-setting/destinations").then().statusCode(401);
        given().get("/system-setting/destinations/west").then().statusCode(401);
        assertThat(Sql.single(dataSource, "SELECT url FROM bdi_destination WHERE name = 'west'"))
                .isEqualTo("http://receiver-west:8081/");
        assertThat(Sql.singleLong(dataSource, "SELECT count(*) FROM bdi_destination WHERE name = 'theirs'"))
                .isZero();
    }

    @Test
    void aUrlOrCertificateThatCannotBeAReceiversIs400AndStoresNothing() throws Exception {
        for (String url : List.of(
                "ftp://receiver/",
                "file:///etc/passwd",
                "javascript:alert(1)",
                "receiver:8081",
                "http:///no-host",
                "http://user:pw@receiver/",
                "http://user@receiver/",
                "http://receiver/?next=x",
                "http://receiver/#x",
                "http://receiver:99999/",
                "http://re ceiver/",
                "")) {
            as(admin)
                    .contentType(ContentType.JSON)
                    .body(body(Map.of("url", url, "username", "u", "password", "p")))
                    .put("/system-setting/destinations/bad")
                    .then()
                    .statusCode(400)
                    .body("status", equalTo("BAD_REQUEST"))
                    .body("errors[0].field", org.hamcrest.Matchers.endsWith("url"));
        }
        as(admin)
                .contentType(ContentType.JSON)
                .body(body(Map.of(
                        "url",
                        "https://receiver/",
                        "username",
                        "u",
                        "password",
                        "p",
                        "trustedCertificates",
                        "not a certificate")))
                .put("/system-setting/destinations/bad")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("trustedCertificates"));
        as(admin)
                .contentType(ContentType.JSON)
                .body(body(Map.of(
                        "url",
                        "http://receiver/",
                        "username",
                        "u",
                        "password",
                        "p",
                        "trustedCertificates",
                        SelfSignedCertificate.create().certificateText())))
                .put("/system-setting/destinations/bad")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("trustedCertificates"));
        as(admin)
                .contentType(ContentType.JSON)
                .body(body(Map.of("url", "http://receiver/", "username", "u")))
                .put("/system-setting/destinations/bad")
                .then()
                .statusCode(400);
        as(admin)
                .contentType(ContentType.JSON)
                .body(body(Map.of("url", "http://receiver/", "username", "u", "password", "p")))
                .put("/system-setting/destinations/bad name")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("name"));
        as(admin).get("/system-setting/destinations/..%2Fx").then().statusCode(400);
        as(admin)
                .contentType(ContentType.JSON)
                .body(body(Map.of("url", "http://receiver/", "username", "u\u0000", "password", "p")))
                .put("/system-setting/destinations/bad")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("username"));
        as(admin)
                .contentType(ContentType.JSON)
                .body(body(
                        Map.of("url", "http://receiver/", "username", "u", "password", "p", "description", "a\u0000b")))
                .put("/system-setting/destinations/bad")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("description"));
        assertThat(Sql.singleLong(dataSource, "SELECT count(*) FROM bdi_destination WHERE name = 'bad'"))
                .isZero();
    }

    @Test
    void pinnedCertificatesAreStoredWithAnHttpsDestinationAndShown() throws Exception {
        String pem = SelfSignedCertificate.create().certificateText();
        as(admin)
                .contentType(ContentType.JSON)
                .body(body(Map.of(
                        "url",
                        "https://receiver-tls:8441/",
                        "username",
                        "u",
                        "password",
                        SECRET,
                        "trustedCertificates",
                        pem)))
                .put("/system-setting/destinations/tls")
                .then()
                .statusCode(200)
                .body("trustedCertificates", org.hamcrest.Matchers.startsWith("-----BEGIN CERTIFICATE-----"));
        as(admin)
                .get("/system-setting/destinations/tls")
                .then()
                .statusCode(200)
                .body("trustedCertificates", org.hamcrest.Matchers.containsString("-----END CERTIFICATE-----"));
    }
}
