package org.bdisuite.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bdisuite.exporter.ExporterApi.as;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.SQLException;
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

        long commits = writeCommitsOf(() -> as(user).post("/exporter/schedules/" + businessKey + "/run")
                .then()
                .statusCode(200)
                .body("outcome", equalTo("SUCCEEDED"))
                .body("rows", equalTo(1)));

        assertThat(commits).isEqualTo(2);
        // and the end recorded everything those commits promise
        assertThat(Sql.single(
                        dataSource, "SELECT state FROM exporter_schedule WHERE business_key = '" + businessKey + "'"))
                .isEqualTo("WAITING");
        assertThat(Sql.singleLong(
                        dataSource,
                        "SELECT count(*) FROM exporter_delivery d JOIN exporter_run r"
                                + " ON r.id = d.run_id WHERE r.business_key = '" + businessKey + "'"))
                .isEqualTo(1);
    }

    /**
     * The write transactions that committed while {@code work} ran: transaction ids PostgreSQL assigned meanwhile
     * (it assigns one to each transaction that writes, and to nothing else). The exporter's only other writer in
     * tests is Quartz's cluster check-in (every 15 s); a measurement it fell into is made again.
     */
    private long writeCommitsOf(Runnable work) throws SQLException {
        for (int attempt = 0; ; attempt++) {
            String checkInBefore = lastQuartzCheckIn();
            long before = Sql.singleLong(dataSource, "SELECT pg_current_xact_id()::text::bigint");
            work.run();
            long after = Sql.singleLong(dataSource, "SELECT pg_current_xact_id()::text::bigint");
            if (checkInBefore.equals(lastQuartzCheckIn()) || attempt == 2) {
                return after - before - 1;
            }
        }
    }

    private String lastQuartzCheckIn() throws SQLException {
        return Sql.single(dataSource, "SELECT coalesce(max(last_checkin_time), 0)::text FROM qrtz_scheduler_state");
    }
}
