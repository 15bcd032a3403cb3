package org.bdisuite.batchadmin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.bdisuite.batchadmin.BatchApi.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.bdisuite.model.Roles;
import org.bdisuite.test.EmbeddedPostgresResource;
import org.bdisuite.test.Sql;
import org.bdisuite.test.TestUsers;
import org.bdisuite.test.TestUsers.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rules API (System Setting Service): administrators alone, the webhook secret sealed and never returned or
 * logged, bad input a 400 with the error body that stores nothing.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(NotificationMailResource.class)
class NotificationRulesApiTest {

    private static final String SECRET = "rule-secret-never-shown-42";
    private static final String RULES = "/system-setting/notification-rules";

    @Inject
    DataSource dataSource;

    private TestUser admin;

    @BeforeEach
    void setUp() {
        admin = TestUsers.create(dataSource, "rules-admin", Roles.ADMIN);
        as(admin)
                .contentType(ContentType.JSON)
                .body(Map.of("url", "https://hooks.example.org/bdi", "username", "suite", "password", "pw-123456"))
                .put("/system-setting/destinations/rules-hook")
                .then()
                .statusCode(200);
    }

    private static Map<String, Object> rule() {
        Map<String, Object> rule = new HashMap<>();
        rule.put("eventKinds", List.of("JOB_EXECUTION_FAILED", "EXPORT_RUN_FAILED"));
        rule.put("emailRecipients", List.of("ops@example.org"));
        rule.put("webhookDestination", "rules-hook");
        rule.put("webhookSecret", SECRET);
        return rule;
    }

    @Test
    void onlyAdministratorsReadOrChangeRules() throws Exception {
        given().get(RULES).then().statusCode(401).body("statusCode", equalTo(401));
        for (String role : List.of(Roles.OPERATOR, Roles.MONITOR, Roles.DATA_EXPORTER)) {
            TestUser user = TestUsers.create(dataSource, "rules-" + role.toLowerCase(), role);
            as(user).get(RULES).then().statusCode(403).body("status", equalTo("FORBIDDEN"));
            as(user).get("/system-setting/notification-history").then().statusCode(403);
            as(user).contentType(ContentType.JSON)
                    .body(rule())
                    .put(RULES + "/by-" + role.toLowerCase())
                    .then()
                    .statusCode(403);
            as(user).delete("/system-setting/freshness-rules/JOB/x").then().statusCode(403);
        }
        assertThat(Sql.column(dataSource, "SELECT name FROM notification_rule WHERE name LIKE 'by-%'"))
                .isEmpty();
    }

    @Test
    void theWebhookSecretIsSealedAndNeverReturnedOrLogged() throws Exception {
        List<String> logged = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record.getMessage() + " " + java.util.Arrays.toString(record.getParameters()));
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
                    .body(rule())
                    .put(RULES + "/secret-rule")
                    .then()
                    .statusCode(200)
                    .body("name", equalTo("secret-rule"))
                    .body("webhookSecretSet", equalTo(true))
                    .body("maxPerHour", equalTo(20))
                    .body("enabled", equalTo(true))
                    .body("$", not(hasKey("webhookSecret")))
                    .extract()
                    .asString();
        } finally {
            Logger.getLogger("").removeHandler(capture);
        }
        assertThat(stored).doesNotContain(SECRET);
        assertThat(logged).anySatisfy(line -> assertThat(line).contains("secret-rule"));
        assertThat(logged).noneSatisfy(line -> assertThat(line).contains(SECRET));
        assertThat(as(admin).get(RULES).asString()).doesNotContain(SECRET).contains("secret-rule");
        assertThat(as(admin).get(RULES + "/secret-rule").asString()).doesNotContain(SECRET);
        String sealed = Sql.single(
                dataSource, "SELECT sealed_webhook_secret FROM notification_rule WHERE name = 'secret-rule'");
        assertThat(sealed).startsWith("v1:").doesNotContain(SECRET);

        // A change without a secret keeps the sealed one while the destination stays.
        Map<String, Object> change = rule();
        change.remove("webhookSecret");
        change.put("maxPerHour", 5);
        as(admin)
                .contentType(ContentType.JSON)
                .body(change)
                .put(RULES + "/secret-rule")
                .then()
                .statusCode(200)
                .body("maxPerHour", equalTo(5))
                .body("webhookSecretSet", equalTo(true));
        assertThat(Sql.single(
                        dataSource, "SELECT sealed_webhook_secret FROM notification_rule WHERE name = 'secret-rule'"))
                .isEqualTo(sealed);

        as(admin).delete(RULES + "/secret-rule").then().statusCode(204);
        as(admin).get(RULES + "/secret-rule").then().statusCode(404).body("statusCode", equalTo(404));
    }

    @Test
    void badRulesAre400WithTheErrorBodyAndStoreNothing() throws Exception {
        Map<String, Map<String, Object>> bad = new java.util.LinkedHashMap<>();
        bad.put("eventKinds", with("eventKinds", List.of("JOB_EXECUTION_EXPLODED")));
        bad.put("emailRecipients", with("emailRecipients", List.of("Ops <ops@example.org>\r\nBcc: x@evil.org")));
        bad.put("webhookDestination", with("webhookDestination", "no-such-destination"));
        bad.put("webhookSecret", with("webhookSecret", null));
        bad.put("maxPerHour", with("maxPerHour", 0));
        Map<String, Object> noChannel = rule();
        noChannel.remove("webhookDestination");
        noChannel.remove("webhookSecret");
        noChannel.put("emailRecipients", List.of());
        bad.put("noChannel", noChannel);
        bad.put("shortSecret", with("webhookSecret", "short"));
        for (Map.Entry<String, Map<String, Object>> entry : bad.entrySet()) {
            as(admin)
                    .contentType(ContentType.JSON)
                    .body(entry.getValue())
                    .put(RULES + "/bad-rule")
                    .then()
                    .statusCode(400)
                    .body("statusCode", equalTo(400))
                    .body("status", equalTo("BAD_REQUEST"))
                    .body("message", not(containsString("Exception")));
        }
        as(admin)
                .contentType(ContentType.JSON)
                .body(rule())
                .put(RULES + "/bad name!")
                .then()
                .statusCode(400);
        as(admin)
                .contentType(ContentType.JSON)
                .body("{\"eventKinds\": ")
                .put(RULES + "/bad-rule")
                .then()
                .statusCode(400)
                .body("statusCode", equalTo(400));
        as(admin).get("/system-setting/notification-history?status=LOST").then().statusCode(400);
        as(admin).get("/system-setting/notification-history?size=0").then().statusCode(400);
        as(admin)
                .contentType(ContentType.JSON)
                .body(Map.of("maxAgeHours", 0))
                .put("/system-setting/freshness-rules/JOB/quick-test-job")
                .then()
                .statusCode(400);
        as(admin)
                .contentType(ContentType.JSON)
                .body(Map.of("maxAgeHours", 2))
                .put("/system-setting/freshness-rules/WEATHER/quick-test-job")
                .then()
                .statusCode(400)
                .body("message", containsString("kind"));
        assertThat(Sql.column(dataSource, "SELECT name FROM notification_rule WHERE name LIKE 'bad%'"))
                .isEmpty();
        assertThat(Sql.column(dataSource, "SELECT subject FROM freshness_rule WHERE subject = 'quick-test-job'"))
                .isEmpty();
    }

    private static Map<String, Object> with(String field, Object value) {
        Map<String, Object> rule = rule();
        rule.put(field, value);
        return rule;
    }
}
