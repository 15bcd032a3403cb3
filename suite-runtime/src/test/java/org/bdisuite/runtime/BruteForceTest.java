package org.bdisuite.runtime;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.bdisuite.model.Roles;
import org.bdisuite.test.EmbeddedPostgresResource;
import org.bdisuite.test.Sql;
import org.bdisuite.test.TestUsers;
import org.bdisuite.test.TestUsers.TestUser;
import org.junit.jupiter.api.Test;

/**
 * The login throttle over HTTP, with small limits. The service trusts X-Forwarded-For here (as it would behind a
 * configured proxy), so that each test can log in from addresses of its own.
 */
@QuarkusTest
@TestProfile(BruteForceTest.SmallLimits.class)
@WithTestResource(EmbeddedPostgresResource.class)
class BruteForceTest {

    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "suite.security.login-throttle.max-failures-per-user", "3",
                    "suite.security.login-throttle.max-failures-per-address", "5",
                    "quarkus.http.proxy.proxy-address-forwarding", "true",
                    "quarkus.http.proxy.allow-x-forwarded", "true",
                    "quarkus.http.proxy.trusted-proxies", "127.0.0.1,::1");
        }
    }

    @Inject
    DataSource dataSource;

    @Inject
    MeterRegistry registry;

    private static RequestSpecification from(String address, String username, String password) {
        return given().header("X-Forwarded-For", address).auth().preemptive().basic(username, password);
    }

    private double passwordChecks() {
        return registry.get("suite.security.password.checks").counter().count();
    }

    private static void assertThrottled(Response response) {
        response.then()
                .statusCode(429)
                .contentType(ContentType.JSON)
                .body("statusCode", equalTo(429))
                .body("status", equalTo("TOO_MANY_REQUESTS"))
                .body("code", equalTo("too-many-login-failures"))
                .body("message", containsString("try again in"));
        long retryAfter = Long.parseLong(response.header("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 300L);
        assertThat(response.header("WWW-Authenticate")).isNull();
    }

    @Test
    void afterTooManyWrongPasswordsEvenTheRightOneIsRefusedWithoutAPasswordCheck() {
        TestUser target = TestUsers.create(dataSource, "throttled-user", Roles.MONITOR);
        for (int i = 1; i <= 3; i++) {
            from("10.1.0." + i, target.username(), "guess-" + i)
                    .get("/probe/me")
                    .then()
                    .statusCode(401);
        }
        double checks = passwordChecks();
        assertThrottled(from("10.1.0.9", target.username(), target.password()).get("/probe/me"));
        assertThat(passwordChecks()).as("no bcrypt for a refused login").isEqualTo(checks);

        TestUser other = TestUsers.create(dataSource, "unthrottled-user", Roles.MONITOR);
        from("10.1.1.1", other.username(), other.password())
                .get("/probe/me")
                .then()
                .statusCode(200)
                .body("name", equalTo("unthrottled-user"));
    }

    @Test
    void afterTooManyFailuresFromOneAddressEveryLoginFromItIsRefused() {
        for (int i = 1; i <= 5; i++) {
            from("10.2.0.1", "nobody-" + i, "guess").get("/probe/me").then().statusCode(401);
        }
        TestUser user = TestUsers.create(dataSource, "address-user", Roles.MONITOR);
        assertThrottled(from("10.2.0.1", user.username(), user.password()).get("/probe/me"));
        from("10.2.0.2", user.username(), user.password())
                .get("/probe/me")
                .then()
                .statusCode(200);
    }

    @Test
    void aSuccessfulLoginStartsTheUsersCountAfresh() {
        TestUser user = TestUsers.create(dataSource, "mistyping-user", Roles.MONITOR);
        for (int round = 0; round < 2; round++) {
            from("10.3.0.1", user.username(), "typo-1").get("/probe/me").then().statusCode(401);
            from("10.3.0.2", user.username(), "typo-2").get("/probe/me").then().statusCode(401);
            from("10.3.0.3", user.username(), user.password())
                    .get("/probe/me")
                    .then()
                    .statusCode(200);
        }
    }

    @Test
    void unknownAndDisabledUsersCostOneBcryptCheckLikeAWrongPassword() throws SQLException {
        TestUser known = TestUsers.create(dataSource, "timing-user", Roles.MONITOR);
        TestUser disabled = TestUsers.create(dataSource, "timing-disabled", Roles.MONITOR);
        from("10.4.0.1", disabled.username(), disabled.password())
                .get("/probe/me")
                .then()
                .statusCode(200);
        Sql.execute(dataSource, "UPDATE suite_user SET enabled = FALSE WHERE username = 'timing-disabled'");

        double before = passwordChecks();
        from("10.4.0.2", known.username(), "wrong-password")
                .get("/probe/me")
                .then()
                .statusCode(401);
        assertThat(passwordChecks() - before).as("wrong password").isEqualTo(1);
        from("10.4.0.3", "no-such-user", "wrong-password")
                .get("/probe/me")
                .then()
                .statusCode(401);
        assertThat(passwordChecks() - before).as("unknown user").isEqualTo(2);
        // The right password of a disabled user: checked (against a dummy hash) although it was remembered as right.
        from("10.4.0.4", disabled.username(), disabled.password())
                .get("/probe/me")
                .then()
                .statusCode(401);
        assertThat(passwordChecks() - before).as("disabled user").isEqualTo(3);
    }

    @Test
    void failuresRefusalsAndPasswordChecksAreMetrics() {
        for (int i = 1; i <= 4; i++) {
            from("10.5.0." + i, "metrics-guess", "guess").get("/probe/me");
        }
        TestUser monitor = TestUsers.create(dataSource, "metrics-reader", Roles.MONITOR);
        String metrics = from("10.5.1.1", monitor.username(), monitor.password())
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(metrics)
                .contains(
                        "suite_security_login_failures_total",
                        "suite_security_login_throttled_total{limit=\"user\"}",
                        "suite_security_login_throttled_total{limit=\"address\"}",
                        "suite_security_password_checks_total");
        assertThat(registry.get("suite.security.login.throttled")
                        .tag("limit", "user")
                        .counter()
                        .count())
                .isGreaterThanOrEqualTo(1);
    }
}
