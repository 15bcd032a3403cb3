package org.bdisuite.batchadmin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bdisuite.batchadmin.BatchApi.awaitStatus;
import static org.bdisuite.batchadmin.BatchApi.awaitTrue;
import static org.bdisuite.batchadmin.BatchApi.start;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.bdisuite.model.Roles;
import org.bdisuite.test.ConsoleSession;
import org.bdisuite.test.EmbeddedPostgresResource;
import org.bdisuite.test.Sql;
import org.bdisuite.test.TestUsers;
import org.bdisuite.test.TestUsers.TestUser;
import org.junit.jupiter.api.Test;

/**
 * Rows done of total for a running importer execution, on its execution page and the overview, updating while it
 * runs. The hand-over's file is a named pipe that the test feeds line by line, so the execution is held running
 * (COPY waits for the next line) for as long as the test needs. Module Progress_Fnd has a test-only importer job.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class ConsoleProgressTest {

    private static final int ROWS = 1000;
    private static final Pattern DONE = Pattern.compile("data-rows-done=\"(\\d+)\" data-rows-total=\"" + ROWS + "\"");

    @Inject
    DataSource dataSource;

    @TestHTTPResource("/")
    URI base;

    @Test
    void aRunningImporterShowsRowsDoneOfTheHandOversTotalThatGrowWithoutReload() throws Exception {
        TestUser monitor = TestUsers.create(dataSource, "progress-monitor", Roles.MONITOR);
        TestUser operator = TestUsers.create(dataSource, "progress-operator", Roles.OPERATOR);
        Sql.execute(
                dataSource,
                "CREATE TABLE IF NOT EXISTS progress_inbound (id INT, color TEXT, kind TEXT, diff_type TEXT)");
        Sql.execute(
                dataSource,
                "INSERT INTO bdi_interface_pipeline (interface_module, interface_short_name, source_query,"
                        + " inbound_table) VALUES ('Progress_Fnd', 'Diff', 'SELECT 1', 'progress_inbound')"
                        + " ON CONFLICT DO NOTHING");
        Path pipe = Files.createTempDirectory("console-progress").resolve("rows.csv");
        assertThat(new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor())
                .isZero();
        TestHandOvers.handOver(dataSource, "Progress_Fnd", "Tx#progress-1", pipe, (long) ROWS);

        long execution = start(operator, "Progress_Fnd_ImporterJob", null);
        AtomicBoolean slow = new AtomicBoolean(true);
        CompletableFuture<Void> feeder = CompletableFuture.runAsync(() -> feed(pipe, slow));
        ConsoleSession session = ConsoleSession.signIn(base, monitor.username(), monitor.password());
        String fragment = "/console/jobs/executions/" + execution + "/progress";

        // While the rows stream, the fragment (the page polls it) shows some of the 1000 rows done, with a bar.
        String[] running = new String[1];
        awaitTrue("rows done to be reported", () -> {
            running[0] = session.get(fragment).body();
            return done(running[0]) > 0;
        });
        assertThat(running[0]).contains("status-STARTED", "of " + ROWS + " rows", "<progress max=\"100\"");
        assertThat(done(running[0])).isLessThan(ROWS);
        assertThat(session.get("/console/running").body())
                .contains("id=\"running-rows-" + execution + "\"", "of " + ROWS + " rows", "hx-trigger=\"every 2s\"");
        assertThat(session.get("/console/jobs/executions/" + execution).body())
                .contains("id=\"rows-progress\"", "of " + ROWS + " rows");

        slow.set(false);
        feeder.get();
        awaitStatus(operator, execution, "COMPLETED");
        assertThat(session.get(fragment).body())
                .contains("data-rows-done=\"" + ROWS + "\" data-rows-total=\"" + ROWS + "\"")
                .contains(ROWS + " of " + ROWS + " rows");
        assertThat(Sql.singleLong(dataSource, "SELECT count(*) FROM progress_inbound"))
                .isEqualTo(ROWS);
    }

    private static long done(String fragment) {
        Matcher done = DONE.matcher(fragment);
        return done.find() ? Long.parseLong(done.group(1)) : 0;
    }

    /** Writes the rows into the pipe, one every 50 ms while {@code slow}, then the rest at once. */
    private static void feed(Path pipe, AtomicBoolean slow) {
        try (OutputStream out = Files.newOutputStream(pipe)) {
            for (int i = 1; i <= ROWS; i++) {
                out.write((i + ",RED,COLOR,ADD\n").getBytes(StandardCharsets.UTF_8));
                if (slow.get()) {
                    out.flush();
                    Thread.sleep(50);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
