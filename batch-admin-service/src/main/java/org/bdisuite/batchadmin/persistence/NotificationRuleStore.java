package org.bdisuite.batchadmin.persistence;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** The owner of notification_rule. */
@ApplicationScoped
public class NotificationRuleStore {

    private static final String COLUMNS = "SELECT id, name, event_kinds, subject, email_recipients,"
            + " webhook_destination, sealed_webhook_secret, max_per_hour, enabled, updated_at FROM notification_rule";

    private final JdbcStatements jdbc;

    public NotificationRuleStore(AgroalDataSource dataSource) {
        this.jdbc = new JdbcStatements(dataSource, "notification_rule");
    }

    public List<NotificationRuleRow> list() {
        return jdbc.query(COLUMNS + " ORDER BY name", NotificationRuleStore::row);
    }

    public Optional<NotificationRuleRow> find(String name) {
        return jdbc.query(COLUMNS + " WHERE name = ?", NotificationRuleStore::row, name).stream()
                .findFirst();
    }

    public Optional<NotificationRuleRow> findById(long id) {
        return jdbc.query(COLUMNS + " WHERE id = ?", NotificationRuleStore::row, id).stream()
                .findFirst();
    }

    /** The enabled rules that listen to this kind of event. */
    public List<NotificationRuleRow> enabledFor(String eventKind) {
        return jdbc.query(
                COLUMNS + " WHERE enabled AND ? = ANY (event_kinds) ORDER BY id",
                NotificationRuleStore::row,
                eventKind);
    }

    /** Stores the rule under its name as a whole (insert or replace). */
    public NotificationRuleRow put(NotificationRuleRow rule) {
        jdbc.update(
                "INSERT INTO notification_rule (name, event_kinds, subject, email_recipients, webhook_destination,"
                        + " sealed_webhook_secret, max_per_hour, enabled) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (name) DO UPDATE SET event_kinds = EXCLUDED.event_kinds,"
                        + " subject = EXCLUDED.subject, email_recipients = EXCLUDED.email_recipients,"
                        + " webhook_destination = EXCLUDED.webhook_destination,"
                        + " sealed_webhook_secret = EXCLUDED.sealed_webhook_secret,"
                        + " max_per_hour = EXCLUDED.max_per_hour, enabled = EXCLUDED.enabled, updated_at = now()",
                rule.name(),
                rule.eventKinds().toArray(String[]::new),
                rule.subject(),
                rule.emailRecipients().toArray(String[]::new),
                rule.webhookDestination(),
                rule.sealedWebhookSecret(),
                rule.maxPerHour(),
                rule.enabled());
        return find(rule.name()).orElseThrow();
    }

    public boolean delete(String name) {
        return jdbc.update("DELETE FROM notification_rule WHERE name = ?", name) == 1;
    }

    private static NotificationRuleRow row(ResultSet rows) throws SQLException {
        return new NotificationRuleRow(
                rows.getLong(1),
                rows.getString(2),
                JdbcStatements.texts(rows, 3),
                rows.getString(4),
                JdbcStatements.texts(rows, 5),
                rows.getString(6),
                rows.getString(7),
                rows.getInt(8),
                rows.getBoolean(9),
                rows.getObject(10, OffsetDateTime.class));
    }
}
