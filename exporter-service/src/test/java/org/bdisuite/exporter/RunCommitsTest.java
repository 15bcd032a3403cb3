package org.bdisuite.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bdisuite.exporter.ExporterApi.as;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import javax.sql.DataSource;
import org.bdisuite.test.EmbeddedPostgresResource;
import org.bdisuite.test.Sql;
import org.bdisuite.test.TestUsers.TestUser;
import org.junit.jupiter.api.Test;

/**
 * The fixed cost of a run is its durable commits: each write transaction waits for a WAL flush (fsync and
 * synchronous_commit on). A run has exactly those the exactly-once promise needs (docs/RELIABILITY.md, "Commits of
 * a run"): the run's start (the ledger row exists before any side effect), one per delivery that another delivery
 * follows (recorded before the next one starts), and the end, which records the last delivery, the run's outcome,
 * files, audit event and freshness and takes the schedule back to its gateway.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class RunCommitsTest {

    @Inject
    DataSource dataSource;

    @Test
    void aRunNowWithOneDeliveryCommitsTwiceItsStartAndItsEnd() throws Exception {
        TestUser user = ExporterApi.exporter(dataSource);
        Map<String, Object> body = ExporterApi.schedule();
        body.put("parameters", Map.of("status", "CREATED"));
        String businessKey = as(user).body(body)
                .post("/exporter/schedules")
                .then()
                .statusCode(201)
                .extract()
                .path("businessKey");

        long commits = WriteCommits.of(
                dataSource,
                () -> as(user).post("/exporter/schedules/" + businessKey + "/run")
                        .then()
                        .statusCode(200)
                        .body("outcome", equalTo("SUCCEEDED"))
                        .body("rows", equalTo(1)));

        assertThat(commits).isEqualTo(2);
        // and the end recorded everything those commits promise
        assertThat(Sql.single(
                        dataSource, "SELECT state FROM exporter_schedule WHERE business_key = '" + businessKey + "'"))
                .isEqualTo("WAITING");
        // (of the last run: WriteCommits runs the work again when Quartz's check-in fell into the measurement)
        assertThat(Sql.singleLong(
                        dataSource,
                        "SELECT count(*) FROM exporter_delivery d WHERE d.run_id ="
                                + " (SELECT max(id) FROM exporter_run WHERE business_key = '" + businessKey + "')"))
                .isEqualTo(1);
    }
}
