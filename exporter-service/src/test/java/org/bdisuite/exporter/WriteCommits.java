package org.bdisuite.exporter;

import java.sql.SQLException;
import javax.sql.DataSource;
import org.bdisuite.test.Sql;

/**
 * Counts the write transactions that committed while some work ran: the transaction ids PostgreSQL assigned
 * meanwhile (it assigns one to each transaction that writes, and to nothing else; each such commit waits for a WAL
 * flush). The exporter's only other writer in tests is Quartz's cluster check-in (every 15 s); a measurement it fell
 * into is made again.
 */
final class WriteCommits {

    private WriteCommits() {}

    static long of(DataSource dataSource, Runnable work) throws SQLException {
        for (int attempt = 0; ; attempt++) {
            String checkInBefore = lastQuartzCheckIn(dataSource);
            long before = Sql.singleLong(dataSource, "SELECT pg_current_xact_id()::text::bigint");
            work.run();
            long after = Sql.singleLong(dataSource, "SELECT pg_current_xact_id()::text::bigint");
            if (checkInBefore.equals(lastQuartzCheckIn(dataSource)) || attempt == 2) {
                // the second pg_current_xact_id() took one id itself
                return after - before - 1;
            }
        }
    }

    private static String lastQuartzCheckIn(DataSource dataSource) throws SQLException {
        return Sql.single(dataSource, "SELECT coalesce(max(last_checkin_time), 0)::text FROM qrtz_scheduler_state");
    }
}
