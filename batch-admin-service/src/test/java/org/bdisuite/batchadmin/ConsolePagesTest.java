package org.bdisuite.batchadmin;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.bdisuite.batchadmin.service.Credentials;
import org.bdisuite.batchadmin.service.Destinations;
import org.bdisuite.batchadmin.service.SystemSettings;
import org.bdisuite.model.MergeStrategy;
import org.bdisuite.model.Roles;
import org.bdisuite.test.ConsoleSession;
import org.bdisuite.test.ConsoleSession.Answer;
import org.bdisuite.test.EmbeddedPostgresResource;
import org.bdisuite.test.TestUsers;
import org.bdisuite.test.TestUsers.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Batch-admin's console pages: overview, jobs (start, watch, its rules), settings, data sets, roles. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class ConsolePagesTest {

    @Inject
    DataSource dataSource;

    @Inject
    SystemSettings settings;

    @Inject
    Destinations destinations;

    @Inject
    Credentials credentials;

    @TestHTTPResource("/")
    URI base;

    private TestUser admin;
    private TestUser monitor;
    private TestUser exporter;

    @BeforeEach
    void users() {
        admin = TestUsers.create(dataSource, "console-admin", Roles.ADMIN);
        monitor = TestUsers.create(dataSource, "console-monitor", Roles.MONITOR);
        exporter = TestUsers.create(dataSource, "console-exporter", Roles.DATA_EXPORTER);
    }

    private ConsoleSession as(TestUser user) {
        return ConsoleSession.signIn(base, user.username(), user.password());
    }

    @Test
    void everyPageRendersForAnAdministrator() {
        ConsoleSession session = as(admin);
        assertThat(session.get("/console").body()).contains("Running executions", "Last failures", "quick-test-job");
        assertThat(session.get("/console/jobs").body()).contains("Start quick-test-job", "Executions");
        assertThat(session.get("/console/settings").body())
                .contains("receiverMaxNumBlocks", "Users and roles", "console-admin");
        assertThat(session.get("/console/data-sets").body()).contains("Received data sets", "Outbound data sets");
    }

    @Test
    void anOperatorStartsAJobFromTheFormAndSeesItComplete() throws InterruptedException {
        ConsoleSession session = as(admin);
        session.get("/console/jobs");
        Answer started = session.post("/console/jobs/start", Map.of("jobName", "quick-test-job", "jobParameters", ""));
        assertThat(started.status()).isEqualTo(303);
        Matcher id = Pattern.compile("/console/jobs/executions/(\\d+)").matcher(started.location());
        assertThat(id.find()).isTrue();
        String progress = "/console/jobs/executions/" + id.group(1) + "/progress";
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        String fragment = session.get(progress).body();
        // The execution's status, not a step's: the step row shows COMPLETED a moment before its execution does.
        String completed = "id=\"execution-status\" class=\"status status-COMPLETED\"";
        while (!fragment.contains(completed) && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            fragment = session.get(progress).body();
        }
        assertThat(fragment).contains(completed).doesNotContain("id=\"stop\"");
        assertThat(session.get("/console/jobs/executions/" + id.group(1)).body())
                .contains("quick-test-job", "id=\"abandon\"");
    }

    @Test
    void aRefusedActionComesBackToThePageWithItsReason() {
        ConsoleSession session = as(admin);
        session.get("/console/jobs");
        Answer refused = session.post("/console/jobs/start", Map.of("jobName", "no-such-job", "jobParameters", ""));
        assertThat(refused.status()).isEqualTo(303);
        assertThat(refused.location()).contains("/console/jobs?error=");
        assertThat(session.get(refused.location()).body()).contains("role=\"alert\"", "no-such-job");
    }

    @Test
    void aMonitorSeesNoActionAndIsRefusedOne() {
        ConsoleSession session = as(monitor);
        String jobs = session.get("/console/jobs").body();
        assertThat(jobs).contains("quick-test-job").doesNotContain("Start quick-test-job");
        assertThat(session.get("/console/settings").body())
                .contains("receiverMaxNumBlocks")
                .doesNotContain("Users and roles");
        assertThat(session.post("/console/jobs/start", Map.of("jobName", "quick-test-job"))
                        .status())
                .isEqualTo(403);
    }

    @Test
    void aFormWithoutTheCsrfTokenChangesNothing() {
        ConsoleSession session = as(admin);
        session.get("/console/settings");
        Answer forged = session.postWithoutToken(
                "/console/settings/system-options", Map.of("name", "receiverMaxNumBlocks", "value", "7"));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(settings.systemOption("receiverMaxNumBlocks").value()).isNotEqualTo("7");
    }

    @Test
    void anAdministratorChangesReceiverOptionsOnManageConfigurations() {
        ConsoleSession session = as(admin);
        session.get("/console/settings");
        Answer saved = session.post(
                "/console/settings/receiver-options",
                Map.of(
                        "interfaceModule", "ConsoleModule",
                        "interfaceShortName", "Console",
                        "baseFolder", "/tmp/console-receiver",
                        "mergeStrategy", "MERGE_TO_INTERFACE_LEVEL"));
        assertThat(saved.status()).isEqualTo(303);
        assertThat(saved.location()).contains("notice=");
        assertThat(settings.receiverOption("ConsoleModule", "Console").baseFolder())
                .isEqualTo("/tmp/console-receiver");
        assertThat(settings.receiverOption("ConsoleModule", "Console").mergeStrategy())
                .isEqualTo(MergeStrategy.MERGE_TO_INTERFACE_LEVEL);
        assertThat(session.get("/console/settings").body()).contains("/tmp/console-receiver");
    }

    @Test
    void anAdministratorEditsADestinationAndACredentialWhosePasswordsAreWriteOnly() {
        ConsoleSession session = as(admin);
        session.get("/console/settings");
        Answer saved = session.post(
                "/console/settings/destinations",
                Map.of(
                        "name", "console-receiver",
                        "url", "http://receiver.example.test:8081",
                        "username", "sender",
                        "password", "first-secret-1",
                        "description", "made on the console"));
        assertThat(saved.status()).isEqualTo(303);
        assertThat(saved.location()).contains("notice=");
        Answer changed = session.post(
                "/console/settings/destinations",
                Map.of(
                        "name", "console-receiver",
                        "url", "http://receiver.example.test:9091",
                        "username", "sender2",
                        "password", "second-secret-2"));
        assertThat(changed.location()).contains("notice=");
        assertThat(destinations.get("console-receiver").url()).isEqualTo("http://receiver.example.test:9091");
        assertThat(destinations.get("console-receiver").username()).isEqualTo("sender2");
        assertThat(destinations
                        .receiverEndpoint("console-receiver", Duration.ofSeconds(1), 1)
                        .password())
                .isEqualTo("second-secret-2");

        assertThat(session.post(
                                "/console/settings/credentials",
                                Map.of("name", "console-sftp", "username", "ftp", "password", "cred-secret-3"))
                        .location())
                .contains("notice=");
        assertThat(credentials.open("console-sftp").password()).isEqualTo("cred-secret-3");

        String page = session.get("/console/settings").body();
        assertThat(page)
                .contains(
                        "http://receiver.example.test:9091",
                        "sender2",
                        "console-sftp",
                        "id=\"de-save-console-receiver\"")
                .doesNotContain("first-secret-1", "second-secret-2", "cred-secret-3");

        // Without a password nothing is stored and the page says why.
        Answer refused = session.post(
                "/console/settings/destinations",
                Map.of("name", "console-receiver", "url", "http://other.example.test", "username", "x"));
        assertThat(refused.location()).contains("error=");
        assertThat(destinations.get("console-receiver").url()).isEqualTo("http://receiver.example.test:9091");
    }

    @Test
    void onlyAnAdministratorSeesAndSavesCredentialsAndDestinations() {
        ConsoleSession session = as(monitor);
        assertThat(session.get("/console/settings").body()).doesNotContain("Destinations", "Stored credentials");
        assertThat(session.post(
                                "/console/settings/destinations",
                                Map.of(
                                        "name", "monitor-made",
                                        "url", "http://x.example.test",
                                        "username", "u",
                                        "password", "p-secret-1"))
                        .status())
                .isEqualTo(403);
        assertThat(destinations.exists("monitor-made")).isFalse();
    }

    @Test
    void aDataExporterIsSentToTheExportPages() {
        ConsoleSession session = as(exporter);
        Answer overview = session.get("/console");
        assertThat(overview.status()).isEqualTo(303);
        assertThat(overview.location()).endsWith("/console/exporter/schedules");
        assertThat(session.get("/console/jobs").status()).isEqualTo(403);
    }
}
