package org.bdisuite.batchadmin.persistence;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bdisuite.runtime.retention.Reclaimed;

/** The owner of notification_delivery, the notification history. */
@ApplicationScoped
public class NotificationDeliveryStore {

    private static final String COLUMNS = "SELECT id, event_id, rule_id, rule_name, channel, status, attempts,"
            + " next_attempt_at, last_error, created_at, updated_at FROM notification_delivery";
    /** The column width of last_error. */
    private static final int ERROR_MAX = 1000;

    private final JdbcStatements jdbc;

    public NotificationDeliveryStore(AgroalDataSource dataSource) {
        this.jdbc = new JdbcStatements(dataSource, "notification_delivery");
    }

    /** Records a notification to send (PENDING) or not sent (SUPPRESSED); a second record of the same is a no-op. */
    public void add(long eventId, long ruleId, String ruleName, String channel, String status) {
        jdbc.update(
                "INSERT INTO notification_delivery (event_id, rule_id, rule_name, channel, status, next_attempt_at)"
                        + " VALUES (?, ?, ?, ?, ?, CASE WHEN ? = 'PENDING' THEN now() END)"
                        + " ON CONFLICT (event_id, rule_id, channel) DO NOTHING",
                eventId,
                ruleId,
                ruleName,
                channel,
                status,
                status);
    }

    /** How many events this rule notified (or is notifying) about in the last hour; suppressed ones do not count. */
    public long eventsNotifiedInLastHour(long ruleId) {
        return jdbc.query(
                        "SELECT count(DISTINCT event_id) FROM notification_delivery"
                                + " WHERE rule_id = ? AND status <> 'SUPPRESSED' AND created_at >= now() - interval '1 hour'",
                        rows -> rows.getLong(1),
                        ruleId)
                .get(0);
    }

    /**
     * The oldest due PENDING notification, locked for this transaction; one that another replica is sending is
     * skipped, so each is sent by one replica.
     */
    public Optional<NotificationDeliveryRow> claimDue() {
        return jdbc
                .query(
                        COLUMNS + " WHERE status = 'PENDING' AND next_attempt_at <= now()"
                                + " ORDER BY next_attempt_at, id LIMIT 1 FOR UPDATE SKIP LOCKED",
                        NotificationDeliveryStore::row)
                .stream()
                .findFirst();
    }

    public void sent(long id, int attempts) {
        jdbc.update(
                "UPDATE notification_delivery SET status = 'SENT', attempts = ?, next_attempt_at = NULL,"
                        + " last_error = NULL, updated_at = now() WHERE id = ?",
                attempts,
                id);
    }

    /**
     * Records a failed attempt and when to try again. {@code previousAttempts} makes it a no-op when another
     * replica recorded that attempt meanwhile.
     */
    public void retryAt(long id, int previousAttempts, int attempts, OffsetDateTime next, String error) {
        jdbc.update(
                "UPDATE notification_delivery SET attempts = ?, next_attempt_at = ?, last_error = ?,"
                        + " updated_at = now() WHERE id = ? AND status = 'PENDING' AND attempts = ?",
                attempts,
                next,
                cut(error),
                id,
                previousAttempts);
    }

    /** Records the last failed attempt: FAILED for good (same condition as {@link #retryAt}). */
    public void failed(long id, int previousAttempts, int attempts, String error) {
        jdbc.update(
                "UPDATE notification_delivery SET status = 'FAILED', attempts = ?, next_attempt_at = NULL,"
                        + " last_error = ?, updated_at = now() WHERE id = ? AND status = 'PENDING' AND attempts = ?",
                attempts,
                cut(error),
                id,
                previousAttempts);
    }

    /** The history, newest first: optionally one status and one rule, below an id (paging), at most {@code limit}. */
    public List<NotificationDeliveryRow> history(String status, String ruleName, Long beforeId, int limit) {
        StringBuilder sql = new StringBuilder(COLUMNS).append(" WHERE TRUE");
        List<Object> arguments = new ArrayList<>();
        if (status != null) {
            sql.append(" AND status = ?");
            arguments.add(status);
        }
        if (ruleName != null) {
            sql.append(" AND rule_name = ?");
            arguments.add(ruleName);
        }
        if (beforeId != null) {
            sql.append(" AND id < ?");
            arguments.add(beforeId);
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        arguments.add(limit);
        return jdbc.query(sql.toString(), NotificationDeliveryStore::row, arguments.toArray());
    }

    private static String cut(String text) {
        return text == null || text.length() <= ERROR_MAX ? text : text.substring(0, ERROR_MAX);
    }

    private static NotificationDeliveryRow row(ResultSet rows) throws SQLException {
        return new NotificationDeliveryRow(
                rows.getLong(1),
                rows.getLong(2),
                rows.getLong(3),
                rows.getString(4),
                rows.getString(5),
                rows.getString(6),
                rows.getInt(7),
                rows.getObject(8, OffsetDateTime.class),
                rows.getString(9),
                rows.getObject(10, OffsetDateTime.class),
                rows.getObject(11, OffsetDateTime.class));
    }

    /**
     * Notifications that ended (SENT, FAILED, SUPPRESSED) and were created before {@code cutoff}: how many and their
     * stored size, deleted unless {@code dryRun}. A PENDING one is never deleted. Call inside a transaction, so the
     * count and the delete see the same rows.
     */
    public Reclaimed purgeEndedBefore(OffsetDateTime cutoff, boolean dryRun) {
        String where = " FROM notification_delivery d WHERE d.status <> 'PENDING' AND d.created_at < ?";
        Reclaimed found = jdbc.query(
                        "SELECT count(*), coalesce(sum(pg_column_size(d.*)), 0)" + where,
                        rows -> new Reclaimed(rows.getLong(1), rows.getLong(2)),
                        cutoff)
                .get(0);
        if (!dryRun) {
            jdbc.update("DELETE FROM notification_delivery WHERE status <> 'PENDING' AND created_at < ?", cutoff);
        }
        return found;
    }
}
