package org.bdisuite.batchadmin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bdisuite.batchadmin.BatchApi.awaitStatus;
import static org.bdisuite.batchadmin.BatchApi.start;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.bdisuite.model.Roles;
import org.bdisuite.test.ConsoleSession;
import org.bdisuite.test.ConsoleSession.Answer;
import org.bdisuite.test.EmbeddedPostgresResource;
import org.bdisuite.test.Sql;
import org.bdisuite.test.TestUsers;
import org.bdisuite.test.TestUsers.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The console's Data sets page: the data sets' real states (a FAILED set with its cause, time and execution, the
 * later set it holds up, a SKIPPED set with who and why), and an administrator's retry and skip through the page's
 * forms, which change the state and write the audited action, as the Data Service's do. A monitor sees no buttons
 * and is refused a forged action; a form without the CSRF token changes nothing; a refused transition comes back to
 * the page with the rule's message. Module Console_Fnd has a test-only copy of the importer job.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class ConsoleDataSetsTest {

    @Inject
    DataSource dataSource;

    @TestHTTPResource("/")
    URI base;

    private TestUser admin;
    private TestUser monitor;
    private Path folder;

    @BeforeEach
    void setUp() throws Exception {
        admin = TestUsers.create(dataSource, "console-ds-admin", Roles.ADMIN);
        monitor = TestUsers.create(dataSource, "console-ds-monitor", Roles.MONITOR);
        folder = Files.createTempDirectory("console-data-sets");
        Sql.execute(
                dataSource,
                "CREATE TABLE IF NOT EXISTS console_inbound (id INT, color TEXT, kind TEXT, diff_type TEXT)");
        Sql.execute(
                dataSource,
                "INSERT INTO bdi_interface_pipeline (interface_module, interface_short_name, source_query,"
                        + " inbound_table) VALUES ('Console_Fnd', 'Diff', 'SELECT 1', 'console_inbound')"
                        + " ON CONFLICT DO NOTHING");
    }

    @Test
    void aFailedSetShowsItsCauseAndIsRetriedThenSkippedThroughThePage() throws Exception {
        long bad = handOver("Tx#console-1", "console-1.csv", "1,RED,COLOR\n");
        long later = handOver("Tx#console-2", "console-2.csv", "2,BLUE,COLOR,ADD\n");
        long failedRun = start(admin, "Console_Fnd_ImporterJob", null);
        awaitStatus(admin, failedRun, "FAILED");

        ConsoleSession asAdmin = ConsoleSession.signIn(base, admin.username(), admin.password());
        String page = asAdmin.get("/console/data-sets").body();
        assertThat(row(page, "uploader-" + bad))
                .contains("data-data-set-state=\"FAILED\"", "Tx#console-1")
                .contains("missing data for column &quot;diff_type&quot;")
                .contains("href=\"/console/jobs/executions/" + failedRun + "\"")
                .contains("id=\"retry-uploader-" + bad + "\"", "id=\"skip-uploader-" + bad + "\"");
        assertThat(row(page, "uploader-" + later))
                .contains("data-data-set-state=\"PENDING\"")
                .contains("waits for FAILED data set " + bad + " of Console_Fnd")
                .doesNotContain("id=\"retry-uploader-");

        // A monitor sees the state and the cause but no action, and a forged action is refused.
        ConsoleSession asMonitor = ConsoleSession.signIn(base, monitor.username(), monitor.password());
        assertThat(row(asMonitor.get("/console/data-sets").body(), "uploader-" + bad))
                .contains("data-data-set-state=\"FAILED\"", "diff_type")
                .doesNotContain("retry-uploader-", "skip-uploader-");
        assertThat(asMonitor
                        .post("/console/data-sets/uploader/" + bad + "/retry", Map.of())
                        .status())
                .isEqualTo(403);
        // Without the CSRF token not even an administrator's form counts.
        assertThat(asAdmin.postWithoutToken("/console/data-sets/uploader/" + bad + "/retry", Map.of())
                        .status())
                .isEqualTo(403);
        assertThat(state(bad)).isEqualTo("FAILED");
        assertThat(actions(bad)).isZero();

        // Retry: PENDING again, one audited action, and the page says so.
        Answer retried = asAdmin.post("/console/data-sets/uploader/" + bad + "/retry", Map.of());
        assertThat(retried.status()).isEqualTo(303);
        String afterRetry = asAdmin.get(retried.location()).body();
        assertThat(afterRetry).contains("id=\"notice\"", "Data set " + bad + " of Console_Fnd retried");
        assertThat(row(afterRetry, "uploader-" + bad))
                .contains("data-data-set-state=\"PENDING\"", "retried by console-ds-admin")
                .doesNotContain("id=\"retry-uploader-");
        assertThat(state(bad)).isEqualTo("PENDING");
        assertThat(actions(bad)).isEqualTo(1);

        // Skipping a PENDING set breaks the rule: the page shows the rule's message and nothing changes.
        Answer refused = asAdmin.post("/console/data-sets/uploader/" + bad + "/skip", Map.of("reason", "not needed"));
        assertThat(refused.status()).isEqualTo(303);
        assertThat(asAdmin.get(refused.location()).body())
                .contains("role=\"alert\"", "Data set " + bad + " is PENDING, not FAILED");
        assertThat(state(bad)).isEqualTo("PENDING");

        // The file is still bad: the next run fails on the set again; now it is skipped with a reason.
        long secondRun = start(admin, "Console_Fnd_ImporterJob", null);
        awaitStatus(admin, secondRun, "FAILED");
        assertThat(row(asAdmin.get("/console/data-sets").body(), "uploader-" + bad))
                .contains("href=\"/console/jobs/executions/" + secondRun + "\"");
        Answer noReason = asAdmin.post("/console/data-sets/uploader/" + bad + "/skip", Map.of("reason", " "));
        assertThat(asAdmin.get(noReason.location()).body()).contains("role=\"alert\"", "reason");
        assertThat(state(bad)).isEqualTo("FAILED");

        Answer skipped = asAdmin.post(
                "/console/data-sets/uploader/" + bad + "/skip", Map.of("reason", "row 1 lacks diff_type; resent"));
        assertThat(skipped.status()).isEqualTo(303);
        String afterSkip = asAdmin.get(skipped.location()).body();
        assertThat(afterSkip).contains("id=\"notice\"", "Data set " + bad + " of Console_Fnd skipped");
        assertThat(row(afterSkip, "uploader-" + bad))
                .contains("data-data-set-state=\"SKIPPED\"")
                .contains("skipped by console-ds-admin")
                .contains("row 1 lacks diff_type; resent");
        assertThat(row(afterSkip, "uploader-" + later)).doesNotContain("waits for FAILED");
        assertThat(state(bad)).isEqualTo("SKIPPED");
        assertThat(Sql.singleLong(
                        dataSource,
                        "SELECT count(*) FROM bdi_data_set_action WHERE data_control_kind = 'UPLOADER'"
                                + " AND data_control_id = " + bad + " AND action = 'SKIP'"
                                + " AND acted_by = 'console-ds-admin' AND reason = 'row 1 lacks diff_type; resent'"))
                .isEqualTo(1);
    }

    /** The table row of one data set ({@code uploader-12}) on the page. */
    private static String row(String page, String key) {
        int start = page.indexOf("<tr id=\"data-set-" + key + "\"");
        assertThat(start).as("row of data set " + key).isNotNegative();
        return page.substring(start, page.indexOf("</tr>", start));
    }

    private long handOver(String transactionId, String fileName, String content) throws Exception {
        Path file = Files.writeString(folder.resolve(fileName), content, StandardCharsets.UTF_8);
        return TestHandOvers.handOver(dataSource, "Console_Fnd", transactionId, file, null);
    }

    private String state(long dataSetId) throws SQLException {
        return Sql.single(
                dataSource,
                "SELECT data_set_state FROM bdi_upldr_iface_mod_data_ctl WHERE uploader_iface_mod_data_ctlid = "
                        + dataSetId);
    }

    private long actions(long dataSetId) throws SQLException {
        return Sql.singleLong(
                dataSource,
                "SELECT count(*) FROM bdi_data_set_action WHERE data_control_kind = 'UPLOADER' AND data_control_id = "
                        + dataSetId);
    }
}
