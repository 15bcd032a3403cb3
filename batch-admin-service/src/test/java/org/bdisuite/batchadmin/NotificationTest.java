package org.bdisuite.batchadmin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bdisuite.batchadmin.BatchApi.as;
import static org.bdisuite.batchadmin.BatchApi.awaitStatus;
import static org.bdisuite.batchadmin.BatchApi.start;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.bdisuite.batchadmin.config.NotificationConfig;
import org.bdisuite.batchadmin.notify.MailChannel;
import org.bdisuite.batchadmin.notify.WebhookChannel;
import org.bdisuite.batchadmin.persistence.NotificationDeliveryStore;
import org.bdisuite.batchadmin.persistence.NotificationRuleStore;
import org.bdisuite.batchadmin.service.Destinations;
import org.bdisuite.batchadmin.service.JobExecutionEvents;
import org.bdisuite.batchadmin.service.MonitoringMetrics;
import org.bdisuite.batchadmin.service.NotificationDispatcher;
import org.bdisuite.batchadmin.service.NotificationRules;
import org.bdisuite.model.Roles;
import org.bdisuite.runtime.events.SuiteEventKind;
import org.bdisuite.runtime.persistence.SuiteEventStore;
import org.bdisuite.test.EmbeddedPostgresResource;
import org.bdisuite.test.Sql;
import org.bdisuite.test.TestUsers;
import org.bdisuite.test.TestUsers.TestUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Notifications end to end: a job execution that really fails, events found in the job repository, two dispatchers
 * (two replicas) on one database racing, a real SMTP server (GreenMail) and a real HTTP webhook receiver.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(NotificationMailResource.class)
class NotificationTest {

    private static final String SECRET = "webhook-secret-0123456789";
    private static final String DESTINATION_PASSWORD = "hook-password-Pa55";

    private static WebhookReceiver receiver;

    @Inject
    DataSource dataSource;

    @Inject
    ObjectMapper json;

    @Inject
    JobExecutionEvents jobEvents;

    @Inject
    NotificationDispatcher dispatcher;

    @Inject
    SuiteEventStore events;

    @Inject
    NotificationRuleStore ruleStore;

    @Inject
    NotificationDeliveryStore deliveries;

    @Inject
    NotificationRules rules;

    @Inject
    Destinations destinations;

    @Inject
    MailChannel mail;

    @Inject
    WebhookChannel webhook;

    @Inject
    MonitoringMetrics metrics;

    @Inject
    NotificationConfig config;

    private TestUser admin;
    private TestUser operator;

    @BeforeAll
    static void startReceiver() throws Exception {
        receiver = new WebhookReceiver();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @BeforeEach
    void users() throws Exception {
        // The failing test job's writer records its items here (as BatchLifecycleTest sets it up).
        Sql.execute(
                dataSource,
                "CREATE TABLE IF NOT EXISTS batch_test_item (instance_id BIGINT NOT NULL, item INT NOT NULL)");
        admin = TestUsers.create(dataSource, "notification-admin", Roles.ADMIN);
        operator = TestUsers.create(dataSource, "notification-operator", Roles.OPERATOR);
    }

    /** A second replica's dispatcher: the same beans (stores, channels), its own transactions and locks. */
    private NotificationDispatcher secondReplica() {
        return new NotificationDispatcher(
                events, ruleStore, deliveries, rules, destinations, mail, webhook, metrics, config);
    }

    private void putDestination(String name, String path) {
        as(admin)
                .contentType(ContentType.JSON)
                .body(Map.of("url", receiver.url(path), "username", "suite", "password", DESTINATION_PASSWORD))
                .put("/system-setting/destinations/" + name)
                .then()
                .statusCode(200);
    }

    private void putRule(String name, Map<String, Object> rule) {
        as(admin)
                .contentType(ContentType.JSON)
                .body(rule)
                .put("/system-setting/notification-rules/" + name)
                .then()
                .statusCode(200);
    }

    /** Both dispatchers, started together, three rounds each. */
    private void raceTwoReplicas() throws Exception {
        NotificationDispatcher second = secondReplica();
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<Void>> replicas = List.of(() -> rounds(dispatcher, together), () -> rounds(second, together));
            for (Future<Void> done : pool.invokeAll(replicas)) {
                done.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static Void rounds(NotificationDispatcher replica, CyclicBarrier together) throws Exception {
        for (int i = 0; i < 3; i++) {
            together.await(60, java.util.concurrent.TimeUnit.SECONDS);
            try {
                replica.dispatch();
            } catch (RuntimeException e) {
                together.reset(); // the other replica's next await fails at once instead of waiting for this one
                throw e;
            }
        }
        return null;
    }

    private List<MimeMessage> mailsTo(String address) throws Exception {
        return Arrays.stream(NotificationMailResource.greenMail.getReceivedMessages())
                .filter(m -> {
                    try {
                        return Arrays.stream(m.getAllRecipients())
                                .map(Address::toString)
                                .anyMatch(address::equals);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    private JsonPath history(String rule) {
        return as(admin)
                .queryParam("rule", rule)
                .get("/system-setting/notification-history")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    @Test
    void oneFailedJobExecutionSendsExactlyOneMailAndOneSignedWebhookWithTwoReplicasRunning() throws Exception {
        putDestination("ops-hook", "/hooks/ops");
        putRule(
                "failed-jobs",
                Map.of(
                        "eventKinds",
                        List.of("JOB_EXECUTION_FAILED"),
                        "subject",
                        "fail-at-item-test-job",
                        "emailRecipients",
                        List.of("ops@jobs.example.org"),
                        "webhookDestination",
                        "ops-hook",
                        "webhookSecret",
                        SECRET));

        long execution = start(operator, "fail-at-item-test-job", null);
        awaitStatus(operator, execution, "FAILED");
        // Every replica looks at the job repository; the occurrence is recorded once however often it is found.
        jobEvents.scan();
        jobEvents.scan();
        assertThat(Sql.singleLong(
                        dataSource,
                        "SELECT count(*) FROM suite_event WHERE occurrence_key = 'job-execution:" + execution
                                + ":FAILED'"))
                .isEqualTo(1);

        raceTwoReplicas();

        List<MimeMessage> mails = mailsTo("ops@jobs.example.org");
        assertThat(mails).hasSize(1);
        assertThat(mails.get(0).getSubject()).isEqualTo("[BDI Suite] JOB_EXECUTION_FAILED: fail-at-item-test-job");
        assertThat(mails.get(0).getContent().toString())
                .contains("jobExecutionId: " + execution)
                .contains("batchStatus: FAILED");

        List<WebhookReceiver.Request> calls = receiver.requestsTo("/hooks/ops");
        assertThat(calls).hasSize(1);
        WebhookReceiver.Request call = calls.get(0);
        assertThat(call.header("X-BDI-Signature-256")).isEqualTo("sha256=" + hmac(SECRET, call.body()));
        assertThat(call.header("X-BDI-Event")).isEqualTo("JOB_EXECUTION_FAILED");
        assertThat(call.header("Authorization"))
                .isEqualTo("Basic "
                        + Base64.getEncoder()
                                .encodeToString(("suite:" + DESTINATION_PASSWORD).getBytes(StandardCharsets.UTF_8)));
        JsonNode event = json.readTree(call.body());
        assertThat(event.path("kind").asText()).isEqualTo("JOB_EXECUTION_FAILED");
        assertThat(event.path("subject").asText()).isEqualTo("fail-at-item-test-job");
        assertThat(event.path("rule").asText()).isEqualTo("failed-jobs");
        assertThat(event.path("occurrence").asText()).isEqualTo("job-execution:" + execution + ":FAILED");
        assertThat(event.path("details").path("jobExecutionId").asLong()).isEqualTo(execution);
        assertThat(event.path("details").path("batchStatus").asText()).isEqualTo("FAILED");
        assertThat(call.header("X-BDI-Event-Id")).isEqualTo(event.path("id").asText());

        JsonPath history = history("failed-jobs");
        assertThat(history.getList("notifications.channel")).containsExactlyInAnyOrder("EMAIL", "WEBHOOK");
        assertThat(history.getList("notifications.status")).containsOnly("SENT");
        // Exactly one mail and one webhook arrived (above); a channel may have needed a second attempt when the SMTP
        // server dropped a connection (seen in CI: GreenMail's 421 after a socket timeout), which is the retry's job.
        assertThat(history.getList("notifications.attempts", Integer.class)).allMatch(attempts -> attempts >= 1);
        assertThat(history.getLong("notifications[0].event.details.jobExecutionId"))
                .isEqualTo(execution);

        // More rounds later change nothing.
        raceTwoReplicas();
        assertThat(mailsTo("ops@jobs.example.org")).hasSize(1);
        assertThat(receiver.requestsTo("/hooks/ops")).hasSize(1);
    }

    @Test
    void aRuleOverItsRateLimitRecordsTheRestAsSuppressed() throws Exception {
        putRule(
                "limited",
                Map.of(
                        "eventKinds",
                        List.of("RECEIVER_TRANSACTION_EXPIRED"),
                        "subject",
                        "Rate_Fnd",
                        "emailRecipients",
                        List.of("ops@rate.example.org"),
                        "maxPerHour",
                        2));
        for (int i = 1; i <= 4; i++) {
            assertThat(events.record(
                            SuiteEventKind.RECEIVER_TRANSACTION_EXPIRED,
                            "Rate_Fnd",
                            "receiver-transaction:rate-" + i + ":EXPIRED",
                            Map.of("transactionId", "rate-" + i)))
                    .isTrue();
        }

        raceTwoReplicas();

        assertThat(mailsTo("ops@rate.example.org")).hasSize(2);
        JsonPath history = history("limited");
        assertThat(history.getList("notifications.status"))
                .containsExactlyInAnyOrder("SENT", "SENT", "SUPPRESSED", "SUPPRESSED");
        // The first two events (oldest first) were sent; the later ones suppressed.
        assertThat(as(admin)
                        .queryParam("rule", "limited")
                        .queryParam("status", "SUPPRESSED")
                        .get("/system-setting/notification-history")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("notifications.event.details.transactionId"))
                .containsExactlyInAnyOrder("rate-3", "rate-4");
    }

    @Test
    void aWebhookThatKeepsFailingIsRetriedThenRecordedFailed() throws Exception {
        putDestination("broken-hook", "/fail/hook");
        putRule(
                "to-broken-hook",
                Map.of(
                        "eventKinds",
                        List.of("EXPORT_RUN_FAILED"),
                        "subject",
                        "broken-schedule",
                        "webhookDestination",
                        "broken-hook",
                        "webhookSecret",
                        SECRET));
        events.record(
                SuiteEventKind.EXPORT_RUN_FAILED,
                "broken-schedule",
                "export-run:9001:FAILED:1",
                Map.of("runId", 9001, "error", "SFTP refused"));

        raceTwoReplicas();

        // max-attempts 3 and no back-off in this test: three calls, then FAILED, never a fourth.
        assertThat(receiver.requestsTo("/fail/hook")).hasSize(3);
        JsonPath history = history("to-broken-hook");
        assertThat(history.getList("notifications.status")).containsExactly("FAILED");
        assertThat(history.getInt("notifications[0].attempts")).isEqualTo(3);
        assertThat(history.getString("notifications[0].lastError"))
                .isEqualTo("The webhook " + receiver.url("/fail/hook") + " answered HTTP 500");
        assertThat(as(admin)
                        .queryParam("status", "FAILED")
                        .get("/system-setting/notification-history")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("notifications.rule"))
                .contains("to-broken-hook");
    }

    private static String hmac(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }
}
