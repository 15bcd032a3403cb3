package org.bdisuite.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.bdisuite.model.Roles;
import org.bdisuite.test.ConsoleSession;
import org.bdisuite.test.ConsoleSession.Answer;
import org.bdisuite.test.EmbeddedPostgresResource;
import org.bdisuite.test.TestUsers;
import org.bdisuite.test.TestUsers.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The exporter's console pages: the scheduling form and its previews, run now, edit, cancel, the services export. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(GreenMailResource.class)
class ConsolePagesTest {

    @Inject
    DataSource dataSource;

    @TestHTTPResource("/")
    URI base;

    private TestUser exporter;

    @BeforeEach
    void users() throws Exception {
        GreenMailResource.greenMail.purgeEmailFromAllMailboxes();
        exporter = ExporterApi.exporter(dataSource);
    }

    private ConsoleSession as(TestUser user) {
        return ConsoleSession.signIn(base, user.username(), user.password());
    }

    private static Map<String, String> scheduleForm(String description) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("description", description);
        form.put("dataSource", "sampleAppointments");
        form.put("fileType", "CSV");
        form.put("operations", "EMAIL");
        form.put("recipients", "Ops Team <ops@example.org>");
        form.put("frequencyType", "daily");
        form.put("timezone", "Europe/London");
        return form;
    }

    @Test
    void aScheduleIsCreatedThroughTheFormRunNowEditedAndCancelled() throws Exception {
        ConsoleSession session = as(exporter);
        String form = session.get("/console/exporter/schedules/new").body();
        assertThat(form).contains("sampleAppointments", "EMAIL", "daily", "name=\"csrf-token\"");
        assertThat(session.get("/console/exporter/preview?dataSource=sampleAppointments")
                        .body())
                .contains("<th scope=\"col\">");
        assertThat(session.post("/console/exporter/fire-times", scheduleForm("x"))
                        .body())
                .contains("<time datetime=");

        Answer created = session.post("/console/exporter/schedules", scheduleForm("Console appointments"));
        assertThat(created.status()).isEqualTo(303);
        Matcher key = Pattern.compile("/console/exporter/schedules/([^?]+)\\?").matcher(created.location());
        assertThat(key.find()).isTrue();
        String page = "/console/exporter/schedules/" + key.group(1);
        assertThat(session.get(page).body()).contains("Console appointments", "id=\"run-now\"");

        Answer run = session.post(page + "/run", Map.of());
        assertThat(run.location()).contains("notice=");
        MimeMessage[] mails = GreenMailResource.greenMail.getReceivedMessages();
        assertThat(mails).hasSize(1);
        assertThat(mails[0].getSubject()).isEqualTo("Console appointments");
        String afterRun = session.get(page).body();
        assertThat(afterRun).contains("SUCCEEDED", "/console/exporter/runs/");
        assertThat(afterRun.substring(afterRun.indexOf("Audit history"))).doesNotContain("No audit events yet");

        Matcher file =
                Pattern.compile("href=\"(/console/exporter/runs/[^\"]+)\"").matcher(afterRun);
        assertThat(file.find()).isTrue();
        Answer download = session.get(file.group(1));
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.body()).isNotEmpty();

        assertThat(session.get(page + "/edit").body()).contains("value=\"Console appointments\"");
        Answer edited = session.post(page + "/edit", scheduleForm("Console appointments, edited"));
        assertThat(edited.location()).contains("notice=");
        assertThat(session.get(page).body()).contains("Console appointments, edited");

        session.post(page + "/cancel", Map.of());
        assertThat(session.get(page).body()).contains("CANCELLED").doesNotContain("id=\"run-now\"");
    }

    @Test
    void anInvalidFormComesBackFilledInWithTheServicesReason() {
        ConsoleSession session = as(exporter);
        session.get("/console/exporter/schedules/new");
        Map<String, String> form = scheduleForm("Missing recipients");
        form.remove("recipients");
        Answer refused = session.post("/console/exporter/schedules", form);
        assertThat(refused.status()).isBetween(400, 499);
        assertThat(refused.body()).contains("id=\"form-problem\"", "value=\"Missing recipients\"");
    }

    @Test
    void aMonitorSeesTheSchedulesWithoutButtonsAndCannotCreate() {
        TestUser monitor = TestUsers.create(dataSource, "exporter-console-monitor", Roles.MONITOR);
        ConsoleSession session = as(monitor);
        assertThat(session.get("/console/exporter/schedules").body())
                .contains("DataExporterErrors log")
                .doesNotContain("id=\"new-schedule\"");
        assertThat(session.post("/console/exporter/schedules", scheduleForm("x"))
                        .status())
                .isEqualTo(403);
    }

    @Test
    void aServicesFileJobRunsToOneHundredPercentAndItsPartDownloads() throws InterruptedException {
        ConsoleSession session = as(exporter);
        session.get("/console/exporter/services");
        LocalDateTime to = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("from", to.minusDays(1).toString());
        form.put("to", to.toString());
        form.put("events", "completed");
        form.put("state", "active");
        form.put("format", "CSV");
        assertThat(session.post("/console/exporter/services/preview", form).body())
                .contains("cannot be combined");
        form.put("state", "any");
        assertThat(session.post("/console/exporter/services/preview", form).body())
                .contains("<table");

        Answer started = session.post("/console/exporter/services/files", form);
        assertThat(started.status()).isEqualTo(303);
        Matcher job =
                Pattern.compile("/console/exporter/services/files/([^?]+)\\?").matcher(started.location());
        assertThat(job.find()).isTrue();
        String progress = "/console/exporter/services/files/" + job.group(1) + "/progress";
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        String fragment = session.get(progress).body();
        while (!fragment.contains("status-SUCCEEDED") && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            fragment = session.get(progress).body();
        }
        assertThat(fragment).contains("status-SUCCEEDED", "value=\"100\"");
        // Rows done of the selection's total (the page counts it once; its refreshes carry it along).
        Matcher rows = Pattern.compile("id=\"rows-written\">(\\d+) / (\\d+)<").matcher(fragment);
        assertThat(rows.find()).as(fragment).isTrue();
        assertThat(rows.group(1)).isEqualTo(rows.group(2));
        assertThat(session.get(started.location()).body())
                .contains("id=\"rows-written\">" + rows.group(1) + " / " + rows.group(2) + "<");
        Matcher part = Pattern.compile("href=\"(/console/exporter/services/files/[^\"]+)\"")
                .matcher(fragment);
        assertThat(part.find()).isTrue();
        assertThat(session.get(part.group(1)).status()).isEqualTo(200);
    }

    @Test
    void theOverviewCardCountsWhatIsDueToday() {
        assertThat(as(exporter).get("/console/exporter/overview").body()).contains("due today", "DataExporterErrors");
    }
}
