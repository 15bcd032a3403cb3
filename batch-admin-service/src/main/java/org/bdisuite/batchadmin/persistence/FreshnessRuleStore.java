package org.bdisuite.batchadmin.persistence;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** The owner of freshness_rule. */
@ApplicationScoped
public class FreshnessRuleStore {

    private static final String COLUMNS = "SELECT id, kind, subject, max_age_hours, created_at FROM freshness_rule";

    private final JdbcStatements jdbc;

    public FreshnessRuleStore(AgroalDataSource dataSource) {
        this.jdbc = new JdbcStatements(dataSource, "freshness_rule");
    }

    public List<FreshnessRuleRow> list() {
        return jdbc.query(COLUMNS + " ORDER BY kind, subject", FreshnessRuleStore::row);
    }

    public Optional<FreshnessRuleRow> find(String kind, String subject) {
        return jdbc.query(COLUMNS + " WHERE kind = ? AND subject = ?", FreshnessRuleStore::row, kind, subject).stream()
                .findFirst();
    }

    /** Stores the rule of this subject (insert, or a new maximum age for an existing one). */
    public FreshnessRuleRow put(String kind, String subject, int maxAgeHours) {
        jdbc.update(
                "INSERT INTO freshness_rule (kind, subject, max_age_hours) VALUES (?, ?, ?)"
                        + " ON CONFLICT (kind, subject) DO UPDATE SET max_age_hours = EXCLUDED.max_age_hours",
                kind,
                subject,
                maxAgeHours);
        return find(kind, subject).orElseThrow();
    }

    public boolean delete(String kind, String subject) {
        return jdbc.update("DELETE FROM freshness_rule WHERE kind = ? AND subject = ?", kind, subject) == 1;
    }

    private static FreshnessRuleRow row(ResultSet rows) throws SQLException {
        return new FreshnessRuleRow(
                rows.getLong(1),
                rows.getString(2),
                rows.getString(3),
                rows.getInt(4),
                rows.getObject(5, OffsetDateTime.class));
    }
}
