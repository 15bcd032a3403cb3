package org.bdisuite.runtime.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bdisuite.runtime.events.SuiteEvent;
import org.bdisuite.runtime.events.SuiteEventKind;
import org.bdisuite.runtime.retention.Reclaimed;

/**
 * The owner of suite_event, the outbox of things operators are told about. A service records an occurrence on the
 * connection of the transaction that changes the state (the default datasource enlists in the caller's JTA
 * transaction), so the event commits or rolls back with its cause; the UNIQUE occurrence key makes a second
 * recording of the same occurrence (another replica, a repeated scan) a no-op.
 */
@ApplicationScoped
public class SuiteEventStore {

    private static final TypeReference<LinkedHashMap<String, Object>> DETAILS = new TypeReference<>() {};
    /** The column widths of V30. */
    private static final int SUBJECT_MAX = 300;

    private static final int KEY_MAX = 400;

    private final AgroalDataSource dataSource;
    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();

    public SuiteEventStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Records an occurrence once; returns whether this call recorded it (false: it was already there).
     *
     * @param details JSON-serialisable values (strings, numbers, booleans, nested maps and lists)
     */
    public boolean record(SuiteEventKind kind, String subject, String occurrenceKey, Map<String, ?> details) {
        String sql = "INSERT INTO suite_event (kind, subject, occurrence_key, payload) VALUES (?, ?, ?, ?::jsonb)"
                + " ON CONFLICT (occurrence_key) DO NOTHING";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setString(1, kind.name());
            insert.setString(2, cut(subject, SUBJECT_MAX));
            insert.setString(3, cut(occurrenceKey, KEY_MAX));
            insert.setString(4, json.writeValueAsString(details));
            return insert.executeUpdate() == 1;
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("Recording a " + kind + " event failed", e);
        }
    }

    /**
     * Takes the transaction-scoped advisory lock of the dispatcher, or answers false at once when another replica
     * holds it. Call inside a transaction; the lock ends with it.
     */
    public boolean tryLockDispatch(long lockKey) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, lockKey);
            try (ResultSet rows = lock.executeQuery()) {
                rows.next();
                return rows.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Taking the notification dispatch lock failed", e);
        }
    }

    /** The oldest events not dispatched yet, at most {@code limit}. */
    public List<SuiteEvent> undispatched(int limit) {
        return query(
                "SELECT id, kind, subject, occurrence_key, payload::text, created_at FROM suite_event"
                        + " WHERE dispatched_at IS NULL ORDER BY id LIMIT ?",
                limit);
    }

    public List<SuiteEvent> byIds(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return query(
                "SELECT id, kind, subject, occurrence_key, payload::text, created_at FROM suite_event"
                        + " WHERE id = ANY (?) ORDER BY id",
                (Object) ids.toArray(Long[]::new));
    }

    public void markDispatched(long eventId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE suite_event SET dispatched_at = now() WHERE id = ? AND dispatched_at IS NULL")) {
            update.setLong(1, eventId);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Marking event " + eventId + " dispatched failed", e);
        }
    }

    /** The newest events of a kind. */
    public List<SuiteEvent> recent(SuiteEventKind kind, int limit) {
        return query(
                "SELECT id, kind, subject, occurrence_key, payload::text, created_at FROM suite_event"
                        + " WHERE kind = ? ORDER BY id DESC LIMIT ?",
                kind.name(),
                limit);
    }

    /**
     * The events dispatched and recorded before {@code cutoff} (the notification history's retention): how many and
     * their stored size, deleted unless {@code dryRun}. An undispatched event is never deleted. An occurrence found
     * again after its event is gone would be recorded again, so the retention must be longer than any look back
     * (suite.notifications.scan-lookback).
     */
    public Reclaimed purgeDispatchedBefore(OffsetDateTime cutoff, boolean dryRun) {
        String where = " FROM suite_event e WHERE e.dispatched_at IS NOT NULL AND e.created_at < ?";
        try (Connection connection = dataSource.getConnection()) {
            Reclaimed found;
            try (PreparedStatement count =
                    connection.prepareStatement("SELECT count(*), coalesce(sum(pg_column_size(e.*)), 0)" + where)) {
                count.setObject(1, cutoff);
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    found = new Reclaimed(rows.getLong(1), rows.getLong(2));
                }
            }
            if (!dryRun) {
                try (PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM suite_event WHERE dispatched_at IS NOT NULL AND created_at < ?")) {
                    delete.setObject(1, cutoff);
                    delete.executeUpdate();
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("Purging suite events failed", e);
        }
    }

    private List<SuiteEvent> query(String sql, Object... arguments) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < arguments.length; i++) {
                if (arguments[i] instanceof Long[] ids) {
                    select.setArray(i + 1, connection.createArrayOf("bigint", ids));
                } else {
                    select.setObject(i + 1, arguments[i]);
                }
            }
            List<SuiteEvent> events = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    events.add(new SuiteEvent(
                            rows.getLong(1),
                            SuiteEventKind.valueOf(rows.getString(2)),
                            rows.getString(3),
                            rows.getString(4),
                            details(rows.getString(5)),
                            rows.getObject(6, OffsetDateTime.class)));
                }
            }
            return events;
        } catch (SQLException e) {
            throw new IllegalStateException("Reading suite events failed", e);
        }
    }

    private Map<String, Object> details(String text) {
        try {
            return json.readValue(text, DETAILS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored event's payload is not a JSON object", e);
        }
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
